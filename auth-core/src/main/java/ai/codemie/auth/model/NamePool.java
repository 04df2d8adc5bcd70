package ai.codemie.auth.model;

/**
 * Best-effort sharing of equal short strings (the names of roles, projects, knowledge bases and the parts of
 * permission patterns): a fixed table of {@value #SLOTS} slots, one string per slot, chosen by the string's hash.
 * A string equal to the one in its slot comes back as that instance; any other string takes the slot and comes
 * back as itself. Strings longer than {@value #MAX_LENGTH} characters are never kept.
 *
 * <p>So its heap is bounded whatever strings come in, from any caller (the table and at most {@value #SLOTS}
 * strings of at most {@value #MAX_LENGTH} characters: under 5 MiB); a look-up costs one array read and one
 * comparison; and nothing it holds needs the garbage collector's reference processing. Two strings that share a
 * slot take turns and are then stored twice, which costs memory, never correctness: the library compares names
 * with {@code equals} only. Thread-safe without locks: a slot holds an immutable {@code String}, which is safely
 * published even through a race.
 */
final class NamePool {

    /** How many strings the pool keeps at most. */
    static final int SLOTS = 1 << 14;

    /** Longer strings are handed back unshared, so that the pool's heap stays small. */
    static final int MAX_LENGTH = 128;

    private static final NamePool SHARED = new NamePool();

    private final String[] slots = new String[SLOTS];

    NamePool() {
    }

    /** A string equal to {@code name}: the shared instance when the pool holds one, otherwise {@code name}. */
    static String share(String name) {
        return SHARED.shared(name);
    }

    String shared(String name) {
        if (name.length() > MAX_LENGTH) {
            return name;
        }
        int slot = slot(name.hashCode());
        String held = slots[slot];
        if (held != null && (held == name || held.equals(name))) {
            return held;
        }
        slots[slot] = name;
        return name;
    }

    private static int slot(int hash) {
        return NameSet.spread(hash) & (SLOTS - 1);
    }
}
