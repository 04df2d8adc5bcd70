package ai.codemie.auth.jdbc;

import ai.codemie.auth.store.UserStore;
import ai.codemie.auth.store.UserStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The store contract on the real PostgreSQL, on tables made the way the platform's migrations make them, through a
 * connection pool as services use it.
 */
class JdbcUserStoreOnPostgresTest extends UserStoreContract {

    @RegisterExtension
    static final PlatformTables TABLES = new PlatformTables("contract");

    @Override
    protected UserStore createEmptyStore() throws Exception {
        return TABLES.emptyStore();
    }
}
