package ai.codemie.auth.model;

import ai.codemie.auth.model.InvalidSyntaxException.Kind;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A permission pattern of a role or a tenant boundary: {@code resource:action} or {@code resource:action:instance},
 * where any part may be {@code *} (any value) and an omitted instance means any instance — {@code agent:chat} and
 * {@code agent:chat:*} are the same pattern. Parsed once; {@link #matches(PermissionRequest)} allocates nothing.
 *
 * <p>A pattern matches a permission when every part is {@code *} or equal to the permission's part; a pattern that
 * names an instance never matches a permission without one. Comparison is exact (resources and actions are lower
 * case by syntax; instances may mix case and are compared case-sensitively).
 *
 * <p>Immutable. Two patterns are equal when they match the same permissions, whatever their spelling;
 * {@link #toString()} gives the text as written. Parts are shared between patterns, so that the patterns of many
 * roles store each name once.
 */
public final class PermissionPattern {

    /** Null for {@code *}. */
    final String resource;
    /** Null for {@code *}. */
    final String action;
    /** Null for {@code *} or omitted. */
    final String instance;
    private final String text;

    private PermissionPattern(String resource, String action, String instance, String text) {
        this.resource = resource;
        this.action = action;
        this.instance = instance;
        this.text = text;
    }

    /** Parses a pattern; throws {@link InvalidSyntaxException} naming the text when it is not well-formed. */
    public static PermissionPattern parse(String text) {
        String[] parts = PermissionSyntax.split(Kind.PATTERN, text);
        return new PermissionPattern(intern(parts[0]), intern(parts[1]), intern(parts[2]), NamePool.share(text));
    }

    /** Parses every pattern, in order; the first malformed one throws {@link InvalidSyntaxException}. */
    public static List<PermissionPattern> parseAll(Collection<String> texts) {
        List<PermissionPattern> patterns = new ArrayList<>(texts.size());
        for (String text : texts) {
            patterns.add(parse(text));
        }
        return List.copyOf(patterns);
    }

    /** Whether this pattern matches the permission. */
    public boolean matches(PermissionRequest permission) {
        return covers(resource, permission.resource) && covers(action, permission.action)
                && covers(instance, permission.instance);
    }

    /**
     * Whether every permission that {@code other} matches, this pattern matches too: part by part, {@code *} covers
     * anything and a name covers only itself. As names are unbounded, a pattern that no single pattern of a set
     * covers always has a permission none of them matches.
     */
    public boolean covers(PermissionPattern other) {
        return covers(resource, other.resource) && covers(action, other.action) && covers(instance, other.instance);
    }

    /**
     * The pattern matching exactly the permissions both patterns match, written {@code resource:action} or
     * {@code resource:action:instance} with {@code *} for any; empty when no permission matches both.
     */
    public Optional<PermissionPattern> intersection(PermissionPattern other) {
        if (!meets(resource, other.resource) || !meets(action, other.action) || !meets(instance, other.instance)) {
            return Optional.empty();
        }
        String r = resource == null ? other.resource : resource;
        String a = action == null ? other.action : action;
        String i = instance == null ? other.instance : instance;
        String text = shown(r) + ":" + shown(a) + (i == null ? "" : ":" + i);
        return Optional.of(new PermissionPattern(r, a, i, text));
    }

    /** The resource, or {@code *}. */
    public String resource() {
        return shown(resource);
    }

    /** The action, or {@code *}. */
    public String action() {
        return shown(action);
    }

    /** The instance, or {@code *} when the pattern matches any instance (also when it omits the instance). */
    public String instance() {
        return shown(instance);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PermissionPattern other && Objects.equals(resource, other.resource)
                && Objects.equals(action, other.action) && Objects.equals(instance, other.instance);
    }

    @Override
    public int hashCode() {
        return Objects.hash(resource, action, instance);
    }

    /** The pattern as written. */
    @Override
    public String toString() {
        return text;
    }

    /** Whether a part ({@code null}: {@code *}) takes every value the other part ({@code null}: any) takes. */
    private static boolean covers(String part, String other) {
        return part == null || part.equals(other);
    }

    /** Whether two parts ({@code null}: {@code *}) have a value in common. */
    private static boolean meets(String part, String other) {
        return part == null || other == null || part.equals(other);
    }

    private static String shown(String part) {
        return part == null ? PermissionSyntax.ANY : part;
    }

    private static String intern(String part) {
        return part == null ? null : NamePool.share(part);
    }
}
