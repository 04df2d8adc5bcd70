package ai.codemie.auth.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WrkTest {

    private static final String REPORT = """
            Running 15s test @ http://127.0.0.1:40123/v1/projects/proj-a/assistants
              1 threads and 16 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     4.82ms    5.10ms  53.36ms   95.00%
                Req/Sec     2.61k   400.00     3.50k    80.00%
              Latency Distribution
                 50%  812.00us
                 75%    4.00ms
                 90%    6.00ms
                 99%    1.20s
              38880 requests in 15.00s, 5.23MB read
              Socket errors: connect 0, read 2, write 0, timeout 1
              Non-2xx or 3xx responses: 5
            Requests/sec:   2592.00
            Transfer/sec:    357.00KB
            """;

    @Test
    void readsRateRequestsAndPercentilesInMillisecondsWhateverTheUnit() {
        Wrk wrk = Wrk.parse(REPORT);

        assertThat(wrk.requestsPerSecond()).isEqualTo(2592.0);
        assertThat(wrk.requests()).isEqualTo(38880);
        assertThat(wrk.p50Millis()).isEqualTo(0.812);
        assertThat(wrk.p99Millis()).isEqualTo(1200.0);
    }

    @Test
    void countsNon2xxAnswersAndSocketErrorsAsErrors() {
        assertThat(Wrk.parse(REPORT).errors()).isEqualTo(8);
        assertThat(Wrk.parse(REPORT.replace("  Socket errors: connect 0, read 2, write 0, timeout 1\n", "")
                .replace("  Non-2xx or 3xx responses: 5\n", "")).errors()).isZero();
    }

    @Test
    void aReportWithoutTheLatencyDistributionIsRefused() {
        assertThatThrownBy(() -> Wrk.parse(REPORT.replace("99%", "98%")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("99th percentile");
    }
}
