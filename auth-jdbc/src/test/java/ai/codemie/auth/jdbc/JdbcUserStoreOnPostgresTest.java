package ai.codemie.auth.jdbc;

import ai.codemie.auth.store.UserStore;
import ai.codemie.auth.store.UserStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract on the real PostgreSQL, on tables made the way the platform's migrations make them. */
class JdbcUserStoreOnPostgresTest extends UserStoreContract {

    private static PostgresDatabase database;

    @BeforeAll
    static void createPlatformDatabase() throws Exception {
        database = PostgresDatabase.create("contract").withPlatformSchema();
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        database.close();
    }

    @Override
    protected UserStore createEmptyStore() throws Exception {
        database.truncate();
        return JdbcUserStore.create(database.dataSource());
    }
}
