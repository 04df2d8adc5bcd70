package ai.codemie.auth.model;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The patterns of several groups (the roles of a tenant, or its boundary as one group) arranged for lookup by the
 * parts of a permission: resource, then action, then instance, each level with its named entries and its
 * {@code *} entry. At the bottom, a bit set of the groups having a pattern that ends there. A permission reaches at
 * most eight bit sets through at most seven hash lookups, however many patterns there are, and allocates nothing.
 */
final class PatternIndex {

    /** The bit set of a single group, for an index of one group. */
    static final long[] ALL = {1L};

    private final Level<Level<Level<long[]>>> resources;

    /** Group {@code i} of {@code groups} is bit {@code i}. */
    PatternIndex(List<List<PermissionPattern>> groups) {
        int words = words(groups.size());
        Builder<Builder<Builder<long[]>>> root = new Builder<>();
        for (int group = 0; group < groups.size(); group++) {
            for (PermissionPattern pattern : groups.get(group)) {
                Builder<long[]> instances = root.child(pattern.resource, Builder::new)
                        .child(pattern.action, Builder::new);
                long[] mask = instances.child(pattern.instance, () -> new long[words]);
                mask[group >>> 6] |= 1L << group;
            }
        }
        this.resources = root.build(actions -> actions.build(instances -> instances.build(mask -> mask)));
    }

    /** Words of a bit set of {@code groups} groups. */
    static int words(int groups) {
        return Math.max(1, (groups + 63) >>> 6);
    }

    /**
     * Whether a pattern of a group in {@code held} matches the permission. With {@code into}, every group in
     * {@code held} with a matching pattern is added to it; otherwise the search stops at the first.
     */
    boolean matches(PermissionRequest permission, long[] held, long[] into) {
        boolean found = actions(resources.named(permission.resource), permission, held, into);
        return (found && into == null) || actions(resources.any(), permission, held, into) || found;
    }

    private static boolean actions(Level<Level<long[]>> actions, PermissionRequest permission, long[] held,
            long[] into) {
        if (actions == null) {
            return false;
        }
        boolean found = instances(actions.named(permission.action), permission, held, into);
        return (found && into == null) || instances(actions.any(), permission, held, into) || found;
    }

    private static boolean instances(Level<long[]> instances, PermissionRequest permission, long[] held,
            long[] into) {
        if (instances == null) {
            return false;
        }
        boolean found = overlaps(instances.any(), held, into);
        if (found && into == null) {
            return true;
        }
        // a pattern naming an instance never matches a permission without one
        return (permission.instance != null && overlaps(instances.named(permission.instance), held, into)) || found;
    }

    private static boolean overlaps(long[] mask, long[] held, long[] into) {
        if (mask == null) {
            return false;
        }
        boolean found = false;
        for (int w = 0; w < mask.length; w++) {
            long common = mask[w] & held[w];
            if (common != 0) {
                if (into == null) {
                    return true;
                }
                into[w] |= common;
                found = true;
            }
        }
        return found;
    }

    /** One level of the index: entries by name, and the entry of {@code *} (null when there is none). */
    private record Level<T>(Map<String, T> byName, T any) {
        T named(String name) {
            return byName.get(name);
        }
    }

    /** A level under construction. */
    private static final class Builder<T> {
        private final Map<String, T> byName = new HashMap<>();
        private T any;

        T child(String name, Supplier<T> create) {
            if (name == null) {
                if (any == null) {
                    any = create.get();
                }
                return any;
            }
            return byName.computeIfAbsent(name, n -> create.get());
        }

        <R> Level<R> build(Function<T, R> children) {
            Map<String, R> built = new HashMap<>(byName.size() * 2);
            byName.forEach((name, child) -> built.put(name, children.apply(child)));
            return new Level<>(Map.copyOf(built), any == null ? null : children.apply(any));
        }
    }
}
