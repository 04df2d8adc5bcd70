package ai.codemie.auth.jdbc;

import ai.codemie.auth.store.UserStore;
import ai.codemie.auth.store.UserStoreContract;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The store contract on the real PostgreSQL, on tables made the way the platform's migrations make them, through a
 * connection pool as services use it.
 */
class JdbcUserStoreOnPostgresTest extends UserStoreContract {

    private static PostgresDatabase database;
    private static HikariDataSource pool;

    @BeforeAll
    static void createPlatformDatabase() throws Exception {
        database = PostgresDatabase.create("contract").withPlatformSchema();
        pool = database.pool("contract", 10);
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
