package ai.codemie.auth.token;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * Caffeine's {@link Ticker} reading a {@link Clock}: nanoseconds since the epoch, so that the library's caches
 * expire on the same clock that decides a token's expiry, and a test that moves the clock moves the caches too.
 */
public final class ClockTicker implements Ticker {

    private final Clock clock;

    private ClockTicker(Clock clock) {
        this.clock = clock;
    }

    /** The ticker of the clock. */
    public static Ticker of(Clock clock) {
        return new ClockTicker(Objects.requireNonNull(clock, "clock"));
    }

    /** The clock's instant in nanoseconds since the epoch (good until the year 2262). */
    @Override
    public long read() {
        return nanos(clock.instant());
    }

    /** The instant in the ticker's unit: nanoseconds since the epoch. */
    static long nanos(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
    }
}
