package ai.codemie.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Cache;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The byte estimates that bound the token caches, and the caches bounded by count and bytes together. */
class RetainedBytesTest {

    @Test
    void countsAStringsBytesOnePerCharacterUnlessOneIsBeyondLatin1() {
        assertThat(RetainedBytes.of("a".repeat(10))).isEqualTo(24 + 32); // 16 + 10, aligned to 8
        assertThat(RetainedBytes.of("é".repeat(10))).isEqualTo(24 + 32); // still Latin-1
        assertThat(RetainedBytes.of("ж".repeat(10))).isEqualTo(24 + 40); // 16 + 20, aligned to 8
        assertThat(RetainedBytes.of("")).isEqualTo(24 + 16);
    }

    @Test
    void countsEveryNestedValueAndNothingForSharedConstants() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", "user-1");
        claims.put("exp", 1_767_000_000L);
        claims.put("email_verified", true);
        claims.put("roles", List.of("developer", "admin"));

        long parts = RetainedBytes.of("sub") + RetainedBytes.of("user-1") + RetainedBytes.of("exp") + 24
                + RetainedBytes.of("email_verified") + RetainedBytes.of("roles")
                + RetainedBytes.of(List.of("developer", "admin"));

        assertThat(RetainedBytes.of((Object) null)).isZero();
        assertThat(RetainedBytes.of((String) null)).isZero();
        assertThat(RetainedBytes.of(Boolean.TRUE)).isZero();
        assertThat(RetainedBytes.of(claims)).isGreaterThan(parts);
        assertThat(RetainedBytes.of(Set.of("developer", "admin"))).isGreaterThan(RetainedBytes.of("developer")
                + RetainedBytes.of("admin"));
    }

    @ParameterizedTest(name = "{0} entries, {1} bytes, each entry estimated at {2}: at most {3} held")
    @CsvSource({
        "1000, 1000, 400, 2", // bounded by bytes
        "3, 3000000, 1, 3"    // small entries: bounded by count
    })
    void boundsACacheByCountAndEstimatedBytes(int maxEntries, long maxBytes, long estimate, int held) {
        Cache<Integer, String> cache = RetainedBytes.<Integer, String>boundedCache(maxEntries, maxBytes,
                (key, value) -> estimate).build();
        for (int i = 0; i < 20; i++) {
            cache.put(i, "value");
            assertThat(cache.estimatedSize()).isLessThanOrEqualTo(held);
        }
        assertThat(cache.estimatedSize()).isEqualTo(held);
    }

    @Test
    void refusesACacheThatCouldHoldNothing() {
        assertThatThrownBy(() -> RetainedBytes.boundedCache(0, 1_000, (key, value) -> 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RetainedBytes.boundedCache(10, 0, (key, value) -> 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
