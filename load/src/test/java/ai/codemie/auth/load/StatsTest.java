package ai.codemie.auth.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void countsAnswersByKindAndStatus() {
        Stats stats = new Stats();
        stats.record("member", 200, false, 1_000, null);
        stats.record("member", 200, false, 1_000, null);
        stats.record("member", 503, true, 1_000, null);
        stats.record("deactivated user", 401, false, 1_000, null);

        assertThat(stats.counts()).isEqualTo(Map.of("member 200", 2L, "member 503", 1L, "deactivated user 401", 1L));
        assertThat(stats.count("member", 200)).isEqualTo(2);
        assertThat(stats.count("deactivated user", 200)).isZero();
        assertThat(stats.status(200)).isEqualTo(2);
        assertThat(stats.total()).isEqualTo(4);
    }

    @Test
    void counts503sThatCameWithoutRetryAfter() {
        Stats stats = new Stats();
        stats.record("member", 503, true, 10, null);
        stats.record("member", 503, false, 10, null);
        stats.record("member", 200, false, 10, null);

        assertThat(stats.unavailableWithoutRetryAfter()).isEqualTo(1);
    }

    @Test
    void quantilesAreTheUpperEdgeOfTheirBucketAndTheMaximumIsExact() {
        Stats stats = new Stats();
        for (int i = 1; i <= 100; i++) {
            stats.record("member", 200, false, i * 1_000L, null);
        }
        stats.record("member", 200, false, 123_456_789L, null);

        assertThat(stats.quantileMicros(0.5)).isEqualTo(51_000 + Stats.BUCKET_MICROS);
        assertThat(stats.quantileMicros(0.99)).isEqualTo(100_000 + Stats.BUCKET_MICROS);
        assertThat(stats.maxMicros()).isEqualTo(123_456_789L);
    }

    @Test
    void keepsTheFirstFailureOfEachKindThatGotNoAnswer() {
        Stats stats = new Stats();
        stats.record("admin write", 0, false, 10, "java.io.IOException: first");
        stats.record("admin write", 0, false, 10, "java.io.IOException: second");
        stats.record("member", 200, false, 10, null);

        assertThat(stats.errors()).isEqualTo(Map.of("admin write", "java.io.IOException: first"));
        assertThat(stats.count("admin write", 0)).isEqualTo(2);
    }

    @Test
    void anEmptyPhaseHasNoLatency() {
        assertThat(new Stats().quantileMicros(0.99)).isZero();
    }
}
