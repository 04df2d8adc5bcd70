package ai.codemie.auth.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HarnessTest {

    @Test
    void keysAreRefreshedEveryTtlLessTheRefreshAheadTime() {
        // TTL 40 s, timeout 1 s: refreshed 30 s ahead of expiry
        assertThat(Harness.refreshSeconds()).isEqualTo(10);
    }

    @Test
    void theFetchBoundCountsRefreshesAndTwoFetchesPerRefetchWindow() {
        // 20 s: 2 + 1 refreshes, 2 x (4 + 1) refetches
        assertThat(Harness.fetchBound(20)).isEqualTo(13);
    }
}
