package ai.codemie.auth.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one phase of a run answered: a count per request kind and status, 503s without {@code Retry-After}, and the
 * latency distribution (100 µs buckets up to 60 s) with its maximum.
 */
final class Stats {

    static final long BUCKET_MICROS = 100;
    private static final int BUCKETS = 600_000;

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final LongAdder unavailableWithoutRetryAfter = new LongAdder();
    private final AtomicLongArray latencies = new AtomicLongArray(BUCKETS + 1);
    private final AtomicLong maxMicros = new AtomicLong();
    private final Map<String, Long> firstAt = new ConcurrentHashMap<>();
    private final Map<String, String> firstError = new ConcurrentHashMap<>();
    private volatile String loadAverageAtEnd = "";

    /** Records one answer; status 0 is a request that got no answer (an I/O error or the client's timeout). */
    void record(String kind, int status, boolean retryAfter, long micros, String error) {
        if (status == 0) {
            firstError.putIfAbsent(kind, error);
        }
        counts.computeIfAbsent(kind + " " + status, key -> new LongAdder()).increment();
        firstAt.putIfAbsent(kind + " " + status, System.currentTimeMillis());
        if (status == 503 && !retryAfter) {
            unavailableWithoutRetryAfter.increment();
        }
        latencies.incrementAndGet((int) Math.min(BUCKETS, micros / BUCKET_MICROS));
        maxMicros.accumulateAndGet(micros, Math::max);
    }

    /** Every "kind status" seen, in order, with its count. */
    Map<String, Long> counts() {
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((key, value) -> sorted.put(key, value.sum()));
        return sorted;
    }

    /** How many answers had this status, whatever the kind. */
    long status(int status) {
        return counts().entrySet().stream().filter(entry -> entry.getKey().endsWith(" " + status))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** How many answers this kind got with this status. */
    long count(String kind, int status) {
        LongAdder adder = counts.get(kind + " " + status);
        return adder == null ? 0 : adder.sum();
    }

    /** Marks the end of the phase: the machine's load average then. */
    void end() {
        loadAverageAtEnd = Machine.loadAverage();
    }

    /** The load average when the phase ended. */
    String loadAverageAtEnd() {
        return loadAverageAtEnd;
    }

    /** The first failure of each kind that got no answer, by kind. */
    Map<String, String> errors() {
        return new TreeMap<>(firstError);
    }

    /** When this kind first got this status in the phase (epoch milliseconds), or -1. */
    long firstMillis(String kind, int status) {
        return firstAt.getOrDefault(kind + " " + status, -1L);
    }

    long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    long unavailableWithoutRetryAfter() {
        return unavailableWithoutRetryAfter.sum();
    }

    long maxMicros() {
        return maxMicros.get();
    }

    /** The latency at this quantile (0 to 1), in microseconds, at the upper edge of its bucket. */
    long quantileMicros(double quantile) {
        long total = 0;
        for (int i = 0; i <= BUCKETS; i++) {
            total += latencies.get(i);
        }
        long rank = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (int i = 0; i <= BUCKETS; i++) {
            seen += latencies.get(i);
            if (seen >= rank && seen > 0) {
                return (i + 1) * BUCKET_MICROS;
            }
        }
        return 0;
    }
}
