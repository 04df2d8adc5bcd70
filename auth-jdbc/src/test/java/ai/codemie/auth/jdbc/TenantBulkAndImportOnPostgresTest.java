package ai.codemie.auth.jdbc;

import ai.codemie.auth.admin.tenant.TenantBulkAndImportContract;
import ai.codemie.auth.store.UserStore;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Bulk role changes and user imports on the real PostgreSQL, the platform's tables beside the library's tenant
 * tables: all or nothing, in one transaction, a 10,000-row import included.
 */
class TenantBulkAndImportOnPostgresTest extends TenantBulkAndImportContract {

    @RegisterExtension
    static final PlatformTables TABLES = new PlatformTables("tenant_admin");

    @Override
    protected UserStore createEmptyStore() throws Exception {
        return TABLES.emptyStoreWithTenants();
    }
}
