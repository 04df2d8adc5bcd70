package ai.codemie.auth.jdbc;

import ai.codemie.auth.resolve.TenantSignInContract;
import ai.codemie.auth.store.UserStore;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sign-in tenant rules on the real PostgreSQL: the platform's tables with the library's tenant tables beside
 * them, through a connection pool, where replicas starting together race to create the default tenant.
 */
class TenantSignInOnPostgresTest extends TenantSignInContract {

    @RegisterExtension
    static final PlatformTables TABLES = new PlatformTables("signin");

    @Override
    protected UserStore createEmptyStore() throws Exception {
        return TABLES.emptyStoreWithTenants();
    }
}
