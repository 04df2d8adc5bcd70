package ai.codemie.auth.jdbc;

import ai.codemie.auth.error.InvalidConfigurationException;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/** The databases the store speaks to, and where their SQL differs. */
enum Dialect {

    /** Shared by several replicas; a failed statement aborts the whole transaction, so duplicates are skipped. */
    POSTGRESQL {
        @Override
        String insertUnlessDuplicate(String insert) {
            return insert + " ON CONFLICT DO NOTHING";
        }

        @Override
        boolean isDuplicate(SQLException e) {
            return false;
        }
    },

    /** The embedded default: a failed statement leaves the transaction usable, so a duplicate is caught. */
    H2 {
        @Override
        String insertUnlessDuplicate(String insert) {
            return insert;
        }

        @Override
        boolean isDuplicate(SQLException e) {
            return UNIQUE_VIOLATION.equals(e.getSQLState());
        }
    };

    private static final String UNIQUE_VIOLATION = "23505";

    /** The insert, turned into one that inserts nothing (instead of failing) when a unique key is taken. */
    abstract String insertUnlessDuplicate(String insert);

    /** Whether the failure of an {@link #insertUnlessDuplicate} statement means that a unique key was taken. */
    abstract boolean isDuplicate(SQLException e);

    /** The dialect of the connected database; a database this store does not speak is a configuration error. */
    static Dialect of(DatabaseMetaData metaData) throws SQLException {
        String product = metaData.getDatabaseProductName();
        return switch (product) {
            case "PostgreSQL" -> POSTGRESQL;
            case "H2" -> H2;
            default -> throw new InvalidConfigurationException(JdbcUserStore.JDBC_URL,
                    "the user store supports PostgreSQL and H2, not " + product);
        };
    }
}
