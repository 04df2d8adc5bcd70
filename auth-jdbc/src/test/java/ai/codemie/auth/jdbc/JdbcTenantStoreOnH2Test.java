package ai.codemie.auth.jdbc;

import ai.codemie.auth.store.TenantStoreContract;
import ai.codemie.auth.store.UserStore;
import java.util.concurrent.atomic.AtomicInteger;

/** The tenant contract on the embedded default: in-memory H2 with the tables of the library's own scripts. */
class JdbcTenantStoreOnH2Test extends TenantStoreContract {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    @Override
    protected UserStore createEmptyStore() {
        return JdbcUserStore.inMemoryH2("tenants_" + DATABASES.incrementAndGet());
    }
}
