package ai.codemie.auth.jdbc;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Row ids for the platform's uuid-keyed link tables that sort in insertion order (UUID version 7 layout with a
 * monotonic counter), because those tables have no other column that says which row came first.
 */
final class TimeOrderedIds {

    private static final int COUNTER_BITS = 12;

    /** Milliseconds since the epoch shifted left by the counter bits, plus the counter. */
    private static final AtomicLong LAST = new AtomicLong();

    private TimeOrderedIds() {
    }

    /** A new id, greater (as a string) than every id this process made before. */
    static String next() {
        long now = System.currentTimeMillis() << COUNTER_BITS;
        long sequence = LAST.updateAndGet(last -> Math.max(last + 1, now));
        long millis = sequence >>> COUNTER_BITS;
        long counter = sequence & ((1L << COUNTER_BITS) - 1);
        long mostSignificant = (millis << 16) | 0x7000L | counter;
        long leastSignificant = (ThreadLocalRandom.current().nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | Long.MIN_VALUE;
        return new UUID(mostSignificant, leastSignificant).toString();
    }
}
