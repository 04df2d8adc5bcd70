package ai.codemie.auth.model;

/**
 * Best-effort sharing of equal short strings (names of roles, projects and claims): a fixed table of
 * {@value #SLOTS} slots, one string per slot, chosen by the string's hash. A string equal to the one in its slot
 * comes back as that instance; any other string takes the slot and comes back as itself. Strings longer than
 * {@value #MAX_LENGTH} characters are never kept.
 *
 * <p>So its heap is bounded whatever strings come in, from any caller (the table and at most {@value #SLOTS}
 * strings of at most {@value #MAX_LENGTH} characters: under 5 MiB); a look-up costs one array read and one
 * comparison; and nothing it holds needs the garbage collector's reference processing. Two strings that share a
 * slot take turns and are then stored twice, which costs memory, never correctness: the library compares names
 * with {@code equals} only. Thread-safe without locks: a slot holds an immutable {@code String}, which is safely
 * published even through a race.
 */
public final class NamePool {

    /** How many strings the pool keeps at most. */
    public static final int SLOTS = 1 << 14;

    /** Longer strings are handed back unshared, so that the pool's heap stays small. */
    public static final int MAX_LENGTH = 128;

    private static final NamePool SHARED = new NamePool();

    private final String[] slots = new String[SLOTS];

    NamePool() {
    }

    /** A string equal to {@code name}: the shared instance when the pool holds one, otherwise {@code name}. */
    public static String share(String name) {
        return SHARED.shared(name);
    }

    /**
     * A string equal to the characters of {@code text} from {@code start} (inclusive) to {@code end} (exclusive),
     * whose {@link String#hashCode()} is {@code hash}: the shared instance when the pool holds one, so that nothing
     * is copied, otherwise a new string. A wrong {@code hash} costs sharing, never correctness.
     */
    public static String share(String text, int start, int end, int hash) {
        return SHARED.shared(text, start, end, hash);
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

    String shared(String text, int start, int end, int hash) {
        int length = end - start;
        if (length > MAX_LENGTH) {
            return text.substring(start, end);
        }
        int slot = slot(hash);
        String held = slots[slot];
        if (held != null && held.length() == length && held.hashCode() == hash
                && text.regionMatches(start, held, 0, length)) {
            return held;
        }
        String name = text.substring(start, end);
        slots[slot] = name;
        return name;
    }

    private static int slot(int hash) {
        return NameSet.spread(hash) & (SLOTS - 1);
    }
}
