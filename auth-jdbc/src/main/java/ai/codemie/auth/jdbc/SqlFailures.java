package ai.codemie.auth.jdbc;

import ai.codemie.auth.store.InvalidStoreDataException;
import ai.codemie.auth.store.StoreUnavailableException;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a failed statement means for a caller of the store, by its SQLState class: a data exception ({@code 22}:
 * a value too long, a character the encoding refuses) or an integrity constraint violation ({@code 23}: a unique
 * key taken) is {@link InvalidStoreDataException}; everything else (connection {@code 08}, resources {@code 53},
 * operator intervention {@code 57}, a rolled-back transaction {@code 40}, a missing privilege or table {@code 42},
 * a pool timeout without a state) is {@link StoreUnavailableException}, a 503. Each failure is logged here, once,
 * with its cause; the values bound to the statement are not.
 */
final class SqlFailures {

    private static final Logger LOG = LoggerFactory.getLogger(SqlFailures.class);

    private SqlFailures() {
    }

    /** The exception to throw for the failure, logged. */
    static RuntimeException of(SQLException failure) {
        String state = failure.getSQLState();
        if (isDataError(state)) {
            LOG.error("The user store refused the data (SQLState {}): {}", state, failure.getMessage());
            return new InvalidStoreDataException("The user store refused the data (SQLState " + state + ")", failure);
        }
        LOG.warn("User store unavailable, answering 503 (SQLState {}): {}", state, failure.toString());
        return new StoreUnavailableException(failure);
    }

    private static boolean isDataError(String state) {
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }
}
