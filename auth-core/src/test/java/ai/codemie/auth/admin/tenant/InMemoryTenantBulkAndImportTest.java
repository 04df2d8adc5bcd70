package ai.codemie.auth.admin.tenant;

import ai.codemie.auth.store.InMemoryUserStore;
import ai.codemie.auth.store.UserStore;

/** Bulk role changes and imports on the in-memory store. */
class InMemoryTenantBulkAndImportTest extends TenantBulkAndImportContract {

    @Override
    protected UserStore createEmptyStore() {
        return new InMemoryUserStore();
    }
}
