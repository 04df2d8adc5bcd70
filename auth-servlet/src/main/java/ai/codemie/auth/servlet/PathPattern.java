package ai.codemie.auth.servlet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A request path pattern such as {@code /v1/projects/{project}/assistants}: literal segments match exactly
 * (case-sensitive), a {@code {name}} segment matches one non-empty segment and captures it. There are no
 * wildcards spanning segments, so a pattern never matches more than it says. Immutable.
 */
public final class PathPattern {

    private final String pattern;
    private final List<String> segments;
    private final List<Boolean> variable;

    private PathPattern(String pattern, List<String> segments, List<Boolean> variable) {
        this.pattern = pattern;
        this.segments = segments;
        this.variable = variable;
    }

    /**
     * Parses a pattern; it starts with {@code /}, and a variable takes a whole segment.
     *
     * @throws IllegalArgumentException for a malformed pattern or a variable named twice
     */
    public static PathPattern parse(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("a path pattern starts with '/': " + pattern);
        }
        List<String> segments = new ArrayList<>();
        List<Boolean> variable = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (String segment : split(pattern)) {
            boolean isVariable = segment.startsWith("{") && segment.endsWith("}") && segment.length() > 2;
            String name = isVariable ? segment.substring(1, segment.length() - 1) : segment;
            if (name.contains("{") || name.contains("}")) {
                throw new IllegalArgumentException("a variable must take a whole segment: " + pattern);
            }
            if (isVariable && !names.add(name)) {
                throw new IllegalArgumentException("variable {" + name + "} appears twice in " + pattern);
            }
            segments.add(name);
            variable.add(isVariable);
        }
        return new PathPattern(pattern, List.copyOf(segments), List.copyOf(variable));
    }

    /**
     * The captured variables when the path matches, in pattern order; empty when it does not. The path is the
     * decoded path inside the application (servlet path plus path info).
     */
    public Optional<Map<String, String>> match(String path) {
        List<String> parts = segmentsOf(path);
        return parts == null ? Optional.empty() : Optional.ofNullable(match(parts));
    }

    /**
     * The captured variables when a path of these segments ({@link #segmentsOf}) matches, in pattern order; null when
     * it does not.
     */
    Map<String, String> match(List<String> parts) {
        if (parts.size() != segments.size()) {
            return null;
        }
        int captures = 0;
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            if (variable.get(i)) {
                if (part.isEmpty()) {
                    return null;
                }
                captures++;
            } else if (!segments.get(i).equals(part)) {
                return null;
            }
        }
        if (captures == 0) {
            return Map.of();
        }
        Map<String, String> captured = new LinkedHashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            if (variable.get(i)) {
                captured.put(segments.get(i), parts.get(i));
            }
        }
        return Collections.unmodifiableMap(captured);
    }

    /**
     * Whether the path would match if letter case and a trailing slash did not count: a router that ignores them
     * (JAX-RS ignores a trailing slash, some routers ignore case) would send it to this pattern's endpoint.
     */
    boolean resembles(List<String> pathSegments) {
        List<String> parts = withoutTrailingEmpty(pathSegments);
        List<String> literals = withoutTrailingEmpty(segments);
        if (parts.size() != literals.size()) {
            return false;
        }
        for (int i = 0; i < parts.size(); i++) {
            boolean matches = variable.get(i) ? !parts.get(i).isEmpty() : literals.get(i).equalsIgnoreCase(parts.get(i));
            if (!matches) {
                return false;
            }
        }
        return true;
    }

    /** The names of the variables, in order. */
    public List<String> variables() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            if (variable.get(i)) {
                names.add(segments.get(i));
            }
        }
        return List.copyOf(names);
    }

    /** The pattern as written. */
    @Override
    public String toString() {
        return pattern;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PathPattern that && pattern.equals(that.pattern);
    }

    @Override
    public int hashCode() {
        return pattern.hashCode();
    }

    private static List<String> withoutTrailingEmpty(List<String> parts) {
        return !parts.isEmpty() && parts.get(parts.size() - 1).isEmpty() ? parts.subList(0, parts.size() - 1) : parts;
    }

    /**
     * The segments of a path for {@link #match(List)} and {@link #resembles}, split once for every pattern it is
     * compared with; null when the path does not start with a slash, which no pattern matches.
     */
    static List<String> segmentsOf(String path) {
        return path == null || !path.startsWith("/") ? null : split(path);
    }

    /** Segments after the leading slash; empty segments are kept so that "//" or a trailing "/" never match a variable. */
    private static List<String> split(String path) {
        List<String> parts = new ArrayList<>();
        int start = 1;
        if (path.length() == 1) {
            return parts;
        }
        while (true) {
            int slash = path.indexOf('/', start);
            if (slash < 0) {
                parts.add(path.substring(start));
                return parts;
            }
            parts.add(path.substring(start, slash));
            start = slash + 1;
        }
    }
}
