package ai.codemie.auth.token;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongBiFunction;

/**
 * Estimates of the heap a cached value keeps alive, so that the library's caches can be bounded in bytes and not
 * only in entries ({@code CODEMIE_AUTH_TOKEN_CACHE_MAX_BYTES}).
 *
 * <p>The estimate adds up the shallow sizes, on a 64-bit JVM with compressed references and compact strings (the
 * defaults below 32 GB of heap), of every object a value reaches: strings, boxed numbers, and the maps and
 * collections holding them (the insertion-ordered maps and array lists of parsed JSON, the hashed sets of
 * permissions). Shared objects are counted for every value that reaches them, so the estimate errs on the high
 * side; it is deterministic, and costs one walk of the value.
 */
public final class RetainedBytes {

    /** An object header, a reference, an array header (header and length). */
    private static final int HEADER = 12;
    private static final int REFERENCE = 4;
    private static final int ARRAY_HEADER = 16;
    /** A boxed {@code Long} or {@code Double}: header and eight bytes, aligned. */
    private static final int BOXED_NUMBER = 24;
    /** A {@code String}: header, hash, coder and flags, the reference to its bytes. */
    private static final int STRING = 24;
    /** An unmodifiable wrapper around an {@code ArrayList}, and the list itself. */
    private static final int LIST = 24 + 24;
    /** An unmodifiable wrapper around a {@code LinkedHashMap} (with its cached views), and the map itself. */
    private static final int MAP = 32 + 56;
    /** A {@code LinkedHashMap} entry: hash, key, value, next, before, after. */
    private static final int MAP_ENTRY = 40;
    /** A set member's share of a hashed set: its reference, and up to eight bytes per index slot, four slots. */
    private static final int SET_MEMBER = REFERENCE + 32;
    /** A set: the object and the header of its members' array. */
    private static final int SET = 24 + ARRAY_HEADER;

    private RetainedBytes() {
    }

    /**
     * The estimated bytes the value keeps alive: a string, a number, a boolean, null, or a map or collection of
     * such values, nested to any depth. Other objects count as one reference.
     */
    public static long of(Object value) {
        if (value == null || value instanceof Boolean) {
            return 0; // no object of its own: null, or one of the two shared booleans
        }
        if (value instanceof String text) {
            return of(text);
        }
        if (value instanceof Number) {
            return BOXED_NUMBER;
        }
        if (value instanceof Map<?, ?> map) {
            long bytes = MAP + array(tableLength(map.size()));
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                bytes += MAP_ENTRY + of(entry.getKey()) + of(entry.getValue());
            }
            return bytes;
        }
        if (value instanceof Collection<?> collection) {
            int size = collection.size();
            // a list's array grows by half, a set keeps an index beside its members
            long bytes = collection instanceof List<?> ? LIST + array(Math.max(10, size + (size >> 1)))
                    : SET + (long) SET_MEMBER * size;
            for (Object element : collection) {
                bytes += of(element);
            }
            return bytes;
        }
        return REFERENCE;
    }

    /**
     * The estimated bytes of a string: the object and its bytes, one per character unless one is beyond Latin-1;
     * none for null.
     */
    public static long of(String text) {
        if (text == null) {
            return 0;
        }
        int length = text.length();
        for (int i = 0; i < length; i++) {
            if (text.charAt(i) > 0xff) {
                length *= 2;
                break;
            }
        }
        return STRING + align(ARRAY_HEADER + (long) length);
    }

    /**
     * A cache builder bounded by both the number of entries and their estimated bytes, with Caffeine's
     * {@code maximumWeight}: an entry weighs its estimate, but at least {@code maxBytes / maxEntries} (rounded up),
     * so that no more than {@code maxEntries} entries fit (a few fewer when {@code maxBytes} is no multiple of
     * {@code maxEntries}). Eviction runs on the thread that writes, so the bound holds when a write returns.
     *
     * @param maxEntries at least 1
     * @param maxBytes   at least 1
     * @param estimate   the estimated bytes an entry keeps alive
     */
    public static <K, V> Caffeine<K, V> boundedCache(int maxEntries, long maxBytes, ToLongBiFunction<K, V> estimate) {
        if (maxEntries < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("a bounded cache holds at least one entry and one byte");
        }
        long leastWeight = (maxBytes + maxEntries - 1) / maxEntries;
        return Caffeine.newBuilder()
                .executor(Runnable::run)
                .maximumWeight(maxBytes)
                .weigher((K key, V value) -> (int) Math.min(Integer.MAX_VALUE,
                        Math.max(leastWeight, estimate.applyAsLong(key, value))));
    }

    private static long array(int references) {
        return align(ARRAY_HEADER + (long) REFERENCE * references);
    }

    /** The length of a hash table holding {@code size} entries at the default load factor. */
    private static int tableLength(int size) {
        int needed = (int) Math.ceil(size / 0.75);
        return Math.max(16, Integer.highestOneBit(Math.max(1, needed - 1)) << 1);
    }

    private static long align(long bytes) {
        return (bytes + 7) & ~7L;
    }
}
