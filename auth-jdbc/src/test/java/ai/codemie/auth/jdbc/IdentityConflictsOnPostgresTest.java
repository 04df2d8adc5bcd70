package ai.codemie.auth.jdbc;

import ai.codemie.auth.resolve.IdentityConflictsContract;
import ai.codemie.auth.store.UserStore;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The identity rules of first and later logins on the real PostgreSQL with the platform's tables, whose unique
 * indexes on {@code username} and {@code email} are what the rules must live with.
 */
class IdentityConflictsOnPostgresTest extends IdentityConflictsContract {

    private static PostgresDatabase database;
    private static HikariDataSource pool;

    @BeforeAll
    static void createPlatformDatabase() throws Exception {
        database = PostgresDatabase.create("identity").withPlatformSchema();
        pool = database.pool("identity", 10);
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        pool.close();
        database.close();
    }

    @Override
    protected UserStore createEmptyStore() throws Exception {
        database.truncate();
        return JdbcUserStore.create(pool);
    }
}
