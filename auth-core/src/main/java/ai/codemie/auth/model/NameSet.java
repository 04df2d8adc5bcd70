package ai.codemie.auth.model;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * An immutable set of names in first-seen order, compact enough to keep one per cached user: the names in an
 * array, plus an open-addressing index once linear search stops being cheap. {@code contains} allocates nothing.
 * Equal names are shared between all sets through a {@link NamePool}, so that the project names thousands of
 * cached users have in common are stored once.
 */
final class NameSet extends AbstractSet<String> {

    static final NameSet EMPTY = new NameSet(new String[0], null);

    /** Up to this many names a scan of the array is as fast as hashing, and needs no index. */
    private static final int SCAN_LIMIT = 8;

    private final String[] names;
    /** Null (scan), or the table made by {@link #newTable}; a position is stored plus one, 0 is a free slot. */
    private final Object index;

    private NameSet(String[] names, Object index) {
        this.names = names;
        this.index = index;
    }

    /**
     * The distinct names of the collection in order (null: none); the collection itself when it already is a name
     * set.
     */
    static NameSet copyOf(Collection<String> collection) {
        if (collection instanceof NameSet set) {
            return set;
        }
        if (collection == null || collection.isEmpty()) {
            return EMPTY;
        }
        Object[] values = collection.toArray(); // a snapshot: the caller may go on changing the collection
        String[] names = new String[values.length];
        Object index = names.length <= SCAN_LIMIT ? null : newTable(names.length);
        int size = 0;
        for (Object value : values) {
            String name = (String) Objects.requireNonNull(value, "set members must not be null");
            if (position(names, size, index, name) < 0) {
                names[size] = NamePool.share(name);
                if (index != null) {
                    insert(index, name.hashCode(), size);
                }
                size++;
            }
        }
        return size == 0 ? EMPTY : new NameSet(size == names.length ? names : Arrays.copyOf(names, size), index);
    }

    @Override
    public boolean contains(Object o) {
        return o instanceof String name && position(names, names.length, index, name) >= 0;
    }

    @Override
    public int size() {
        return names.length;
    }

    @Override
    public boolean isEmpty() {
        return names.length == 0;
    }

    /** The first name; the set must not be empty. */
    String first() {
        return names[0];
    }

    @Override
    public Iterator<String> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < names.length;
            }

            @Override
            public String next() {
                if (next >= names.length) {
                    throw new NoSuchElementException();
                }
                return names[next++];
            }
        };
    }

    @Override
    public Object[] toArray() {
        return Arrays.copyOf(names, names.length, Object[].class);
    }

    @Override
    public boolean add(String name) {
        throw unmodifiable();
    }

    @Override
    public boolean remove(Object o) {
        throw unmodifiable();
    }

    @Override
    public boolean addAll(Collection<? extends String> c) {
        throw unmodifiable();
    }

    @Override
    public boolean removeAll(Collection<?> c) {
        throw unmodifiable();
    }

    @Override
    public boolean retainAll(Collection<?> c) {
        throw unmodifiable();
    }

    @Override
    public boolean removeIf(Predicate<? super String> filter) {
        throw unmodifiable();
    }

    @Override
    public void clear() {
        throw unmodifiable();
    }

    private static UnsupportedOperationException unmodifiable() {
        return new UnsupportedOperationException("permission sets are immutable");
    }

    /**
     * A table at most half full for {@code capacity} names: position + 1 per slot in bytes while positions fit in
     * one, else pairs of (hash, position + 1) so that a probe compares hashes without reading the names.
     */
    private static Object newTable(int capacity) {
        int slots = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) * 2;
        return capacity < Byte.MAX_VALUE ? new byte[slots] : new int[slots * 2];
    }

    /** Where {@code name} is among the first {@code size} names, or -1. */
    private static int position(String[] names, int size, Object index, String name) {
        int hash = name.hashCode();
        if (index == null) {
            for (int i = 0; i < size; i++) {
                if (matches(names[i], hash, name)) {
                    return i;
                }
            }
            return -1;
        }
        if (index instanceof byte[] table) {
            int mask = table.length - 1;
            for (int slot = spread(hash) & mask; table[slot] != 0; slot = (slot + 1) & mask) {
                if (matches(names[table[slot] - 1], hash, name)) {
                    return table[slot] - 1;
                }
            }
            return -1;
        }
        int[] table = (int[]) index;
        int mask = table.length / 2 - 1;
        for (int slot = spread(hash) & mask; table[2 * slot + 1] != 0; slot = (slot + 1) & mask) {
            if (table[2 * slot] == hash && names[table[2 * slot + 1] - 1].equals(name)) {
                return table[2 * slot + 1] - 1;
            }
        }
        return -1;
    }

    private static boolean matches(String candidate, int hash, String name) {
        return candidate.hashCode() == hash && candidate.equals(name);
    }

    private static void insert(Object index, int hash, int position) {
        if (index instanceof byte[] table) {
            int mask = table.length - 1;
            int slot = spread(hash) & mask;
            while (table[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            table[slot] = (byte) (position + 1);
        } else {
            int[] table = (int[]) index;
            int mask = table.length / 2 - 1;
            int slot = spread(hash) & mask;
            while (table[2 * slot + 1] != 0) {
                slot = (slot + 1) & mask;
            }
            table[2 * slot] = hash;
            table[2 * slot + 1] = position + 1;
        }
    }

    /**
     * Scatters the hash over the table: names that differ only in their last characters ({@code project-0001},
     * {@code project-0002}) have nearby hashes, which would otherwise fill runs of adjacent slots and make
     * probes long.
     */
    static int spread(int hash) {
        int mixed = hash * 0x9E3779B9;
        return mixed ^ (mixed >>> 16);
    }
}
