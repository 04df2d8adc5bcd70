package ai.codemie.auth.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.LogCapture;
import ai.codemie.auth.store.InvalidStoreDataException;
import ai.codemie.auth.store.StoreUnavailableException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Finding 5: a failed statement is an outage (503) or refused data by its SQLState, and its cause is logged once. */
class SqlFailuresTest {

    @ParameterizedTest
    @ValueSource(strings = {"22001", "22021", "22P02", "23505", "23502", "23503", "23514"})
    void dataExceptionsAndConstraintViolationsAreRefusedDataNotAnOutage(String state) {
        SQLException failure = new SQLException("ERROR: refused for a reason", state);
        try (LogCapture log = LogCapture.start()) {
            RuntimeException thrown = SqlFailures.of(failure);

            assertThat(thrown).isExactlyInstanceOf(InvalidStoreDataException.class).hasCause(failure);
            assertThat(log.lines("The user store refused the data (SQLState " + state + ")", "refused for a reason"))
                    .hasSize(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"08001", "08006", "53300", "57P01", "57014", "40001", "40P01", "42501", "HYT00"})
    void everythingElseIsAnOutageWithItsCauseLoggedOnce(String state) {
        SQLException failure = new SQLException("Connection to 127.0.0.1:5432 refused", state);
        try (LogCapture log = LogCapture.start()) {
            RuntimeException thrown = SqlFailures.of(failure);

            assertThat(thrown).isExactlyInstanceOf(StoreUnavailableException.class).hasCause(failure);
            assertThat(log.lines("User store unavailable, answering 503 (SQLState " + state + ")",
                    "Connection to 127.0.0.1:5432 refused")).hasSize(1);
        }
    }

    @Test
    void aFailureWithoutAStateIsAnOutage() {
        assertThat(SqlFailures.of(new SQLTransientConnectionException("pool timeout")))
                .isExactlyInstanceOf(StoreUnavailableException.class);
    }
}
