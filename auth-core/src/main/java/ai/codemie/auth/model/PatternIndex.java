package ai.codemie.auth.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The patterns of several groups (the roles of a tenant, or its boundary as one group) arranged for lookup by the
 * parts of a permission. Patterns are filed by their (resource, action) pair, {@code *} included, in one
 * open-addressing table; under each pair, the groups of its patterns for any instance, and a small table of the
 * groups by named instance. A permission {@code r:a:i} looks up the pairs {@code (r, a)}, {@code (r, *)},
 * {@code (*, a)} and {@code (*, *)} — only those some pattern uses — and under each, any instance and {@code i}:
 * a handful of probes however many patterns there are, allocating nothing.
 *
 * <p>Groups are bits; all bit sets live in one array, {@link #words} longs each, so that a probe reads arrays of
 * primitives and the table's own strings, not a graph of small objects.
 */
final class PatternIndex {

    /** The bit set of a single group, for an index of one group. */
    static final long[] ALL = {1L};

    /** How a pair or instance table writes {@code *}: never a name, so it cannot collide with one. */
    private static final String ANY = PermissionSyntax.ANY;

    private final int words;
    private final long[] masks;
    /** The pair table: hash, resource and action (or {@link #ANY}) per slot; a null resource marks a free slot. */
    private final int[] pairHashes;
    private final String[] resources;
    private final String[] actions;
    /** Per pair: where the groups of its any-instance patterns start in {@link #masks}, or -1. */
    private final int[] anyInstance;
    /** Per pair: its named instances, or null. */
    private final Instances[] instances;
    /** Whether some pattern has a named resource and {@code *} action; {@code *} resource; both {@code *}. */
    private final boolean anyAction;
    private final boolean anyResource;
    private final int anyPair;

    /** Group {@code i} of {@code groups} is bit {@code i}. */
    PatternIndex(List<List<PermissionPattern>> groups) {
        words = words(groups.size());
        Map<List<String>, Pair> pairs = new LinkedHashMap<>();
        List<long[]> sets = new ArrayList<>();
        for (int group = 0; group < groups.size(); group++) {
            for (PermissionPattern pattern : groups.get(group)) {
                String resource = pattern.resource == null ? ANY : pattern.resource;
                String action = pattern.action == null ? ANY : pattern.action;
                Pair pair = pairs.computeIfAbsent(List.of(resource, action), k -> new Pair(resource, action));
                int set = pattern.instance == null ? pair.anyInstance
                        : pair.instances.getOrDefault(pattern.instance, -1);
                if (set < 0) {
                    set = sets.size();
                    sets.add(new long[words]);
                    if (pattern.instance == null) {
                        pair.anyInstance = set;
                    } else {
                        pair.instances.put(pattern.instance, set);
                    }
                }
                sets.get(set)[group >>> 6] |= 1L << group;
            }
        }
        masks = new long[sets.size() * words];
        for (int set = 0; set < sets.size(); set++) {
            System.arraycopy(sets.get(set), 0, masks, set * words, words);
        }
        int slots = slots(pairs.size());
        pairHashes = new int[slots];
        resources = new String[slots];
        actions = new String[slots];
        anyInstance = new int[slots];
        instances = new Instances[slots];
        boolean anyActionSeen = false;
        boolean anyResourceSeen = false;
        for (Pair pair : pairs.values()) {
            int hash = hash(pair.resource, pair.action);
            int slot = hash & (slots - 1);
            while (resources[slot] != null) {
                slot = (slot + 1) & (slots - 1);
            }
            pairHashes[slot] = hash;
            resources[slot] = pair.resource;
            actions[slot] = pair.action;
            anyInstance[slot] = pair.anyInstance < 0 ? -1 : pair.anyInstance * words;
            instances[slot] = pair.instances.isEmpty() ? null : new Instances(pair.instances, words);
            anyActionSeen |= !pair.resource.equals(ANY) && pair.action.equals(ANY);
            anyResourceSeen |= pair.resource.equals(ANY) && !pair.action.equals(ANY);
        }
        anyAction = anyActionSeen;
        anyResource = anyResourceSeen;
        anyPair = find(ANY, ANY);
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
        boolean found = pair(find(permission.resource, permission.action), permission, held, into);
        if (anyAction && !(found && into == null)) {
            found |= pair(find(permission.resource, ANY), permission, held, into);
        }
        if (anyResource && !(found && into == null)) {
            found |= pair(find(ANY, permission.action), permission, held, into);
        }
        if (!(found && into == null)) {
            found |= pair(anyPair, permission, held, into);
        }
        return found;
    }

    /** The slot of the pair, or -1. */
    private int find(String resource, String action) {
        int hash = hash(resource, action);
        int mask = resources.length - 1;
        for (int slot = hash & mask; resources[slot] != null; slot = (slot + 1) & mask) {
            if (pairHashes[slot] == hash && resources[slot].equals(resource) && actions[slot].equals(action)) {
                return slot;
            }
        }
        return -1;
    }

    private boolean pair(int slot, PermissionRequest permission, long[] held, long[] into) {
        if (slot < 0) {
            return false;
        }
        boolean found = overlaps(anyInstance[slot], held, into);
        Instances named = instances[slot];
        // a pattern naming an instance never matches a permission without one
        if (named != null && permission.instance != null && !(found && into == null)) {
            found |= overlaps(named.find(permission.instance), held, into);
        }
        return found;
    }

    /** Whether the bit set at {@code offset} of {@link #masks} (none when negative) shares a group with held. */
    private boolean overlaps(int offset, long[] held, long[] into) {
        if (offset < 0) {
            return false;
        }
        boolean found = false;
        for (int w = 0; w < words; w++) {
            long common = masks[offset + w] & held[w];
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

    private static int hash(String resource, String action) {
        return spread(resource.hashCode() * 31 + action.hashCode());
    }

    /** A table at most half full, of a power-of-two size. */
    private static int slots(int entries) {
        return Integer.highestOneBit(Math.max(1, entries) * 2 - 1) * 2;
    }

    /** Scatters nearby hashes ({@code agent-001}, {@code agent-002}) over the table. */
    private static int spread(int hash) {
        int mixed = hash * 0x9E3779B9;
        return mixed ^ (mixed >>> 16);
    }

    /** A pair under construction: where its bit sets are. */
    private static final class Pair {
        final String resource;
        final String action;
        int anyInstance = -1;
        final Map<String, Integer> instances = new LinkedHashMap<>();

        Pair(String resource, String action) {
            this.resource = resource;
            this.action = action;
        }
    }

    /** The named instances of a pair: an open-addressing table from instance to the offset of its bit set. */
    private static final class Instances {
        private final int[] hashes;
        private final String[] names;
        private final int[] offsets;

        Instances(Map<String, Integer> sets, int words) {
            int slots = slots(sets.size());
            hashes = new int[slots];
            names = new String[slots];
            offsets = new int[slots];
            sets.forEach((name, set) -> {
                int hash = spread(name.hashCode());
                int slot = hash & (slots - 1);
                while (names[slot] != null) {
                    slot = (slot + 1) & (slots - 1);
                }
                hashes[slot] = hash;
                names[slot] = name;
                offsets[slot] = set * words;
            });
        }

        /** The offset of the instance's bit set, or -1. */
        int find(String name) {
            int hash = spread(name.hashCode());
            int mask = names.length - 1;
            for (int slot = hash & mask; names[slot] != null; slot = (slot + 1) & mask) {
                if (hashes[slot] == hash && names[slot].equals(name)) {
                    return offsets[slot];
                }
            }
            return -1;
        }
    }
}
