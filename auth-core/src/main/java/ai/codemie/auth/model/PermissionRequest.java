package ai.codemie.auth.model;

import ai.codemie.auth.model.InvalidSyntaxException.Kind;
import java.util.Objects;

/**
 * A permission an endpoint asks for: a concrete resource and action and, when the endpoint acts on one instance,
 * that instance — {@code agent:chat} or {@code agent:chat:finance-bot}. It never contains {@code *}. Parsed once per
 * request; {@link PermissionPattern#matches(PermissionRequest)} then compares it without allocating. Immutable.
 */
public final class PermissionRequest {

    final String resource;
    final String action;
    final String instance;
    /** The text, as given or, for {@link #of}, made on first use; racy but idempotent, like String's hash. */
    private String text;

    private PermissionRequest(String resource, String action, String instance, String text) {
        this.resource = resource;
        this.action = action;
        this.instance = instance;
        this.text = text;
    }

    /**
     * Parses {@code resource:action} or {@code resource:action:instance}. Throws {@link InvalidSyntaxException} when
     * the text is not well-formed or holds {@code *}.
     */
    public static PermissionRequest parse(String text) {
        String[] parts = PermissionSyntax.split(Kind.PERMISSION, text);
        return new PermissionRequest(parts[0], parts[1], parts[2], text);
    }

    /** The permission {@code resource:action}, each part checked as by {@link #parse}. */
    public static PermissionRequest of(String resource, String action) {
        return of(resource, action, null);
    }

    /**
     * The permission {@code resource:action:instance} ({@code resource:action} when {@code instance} is null), each
     * part checked as by {@link #parse}: an adapter builds it from an endpoint's fixed resource and action and the
     * instance named in the request path.
     */
    public static PermissionRequest of(String resource, String action, String instance) {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(action, "action");
        PermissionSyntax.checkParts(Kind.PERMISSION, resource, action, instance);
        return new PermissionRequest(resource, action, instance, null);
    }

    /** The resource, for example {@code agent}. */
    public String resource() {
        return resource;
    }

    /** The action, for example {@code chat}. */
    public String action() {
        return action;
    }

    /** The instance, for example {@code finance-bot}; null when the permission names none. */
    public String instance() {
        return instance;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PermissionRequest other && resource.equals(other.resource)
                && action.equals(other.action) && Objects.equals(instance, other.instance);
    }

    @Override
    public int hashCode() {
        return Objects.hash(resource, action, instance);
    }

    /** {@code resource:action} or {@code resource:action:instance}. */
    @Override
    public String toString() {
        String t = text;
        if (t == null) {
            t = resource + ":" + action + (instance == null ? "" : ":" + instance);
            text = t;
        }
        return t;
    }
}
