package ai.codemie.auth.jdbc;

import ai.codemie.auth.store.TenantStoreContract;
import ai.codemie.auth.store.UserStore;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The tenant contract on the real PostgreSQL: the platform's tables, made the way its migrations make them, with the
 * library's tenant tables created beside them, through a connection pool.
 */
class JdbcTenantStoreOnPostgresTest extends TenantStoreContract {

    @RegisterExtension
    static final PlatformTables TABLES = new PlatformTables("tenants");

    @Override
    protected UserStore createEmptyStore() throws Exception {
        return TABLES.emptyStoreWithTenants();
    }
}
