package ai.codemie.auth.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void countsAnswersByKindAndStatus() {
        Stats stats = new Stats();
        stats.record("member", 200, false, 1_000);
        stats.record("member", 200, false, 1_000);
        stats.record("member", 503, true, 1_000);
        stats.record("deactivated user", 401, false, 1_000);

        assertThat(stats.counts()).isEqualTo(Map.of("member 200", 2L, "member 503", 1L, "deactivated user 401", 1L));
        assertThat(stats.count("member", 200)).isEqualTo(2);
        assertThat(stats.count("deactivated user", 200)).isZero();
        assertThat(stats.status(200)).isEqualTo(2);
        assertThat(stats.total()).isEqualTo(4);
    }

    @Test
    void counts503sThatCameWithoutRetryAfter() {
        Stats stats = new Stats();
        stats.record("member", 503, true, 10);
        stats.record("member", 503, false, 10);
        stats.record("member", 200, false, 10);

        assertThat(stats.unavailableWithoutRetryAfter()).isEqualTo(1);
    }

    @Test
    void quantilesAreTheUpperEdgeOfTheirBucketAndTheMaximumIsExact() {
        Stats stats = new Stats();
        for (int i = 1; i <= 100; i++) {
            stats.record("member", 200, false, i * 1_000L);
        }
        stats.record("member", 200, false, 123_456_789L);

        assertThat(stats.quantileMicros(0.5)).isEqualTo(51_000 + Stats.BUCKET_MICROS);
        assertThat(stats.quantileMicros(0.99)).isEqualTo(100_000 + Stats.BUCKET_MICROS);
        assertThat(stats.maxMicros()).isEqualTo(123_456_789L);
    }

    @Test
    void anEmptyPhaseHasNoLatency() {
        assertThat(new Stats().quantileMicros(0.99)).isZero();
    }
}
