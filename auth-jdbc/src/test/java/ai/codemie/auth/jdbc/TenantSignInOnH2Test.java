package ai.codemie.auth.jdbc;

import ai.codemie.auth.resolve.TenantSignInContract;
import ai.codemie.auth.store.UserStore;
import java.util.concurrent.atomic.AtomicInteger;

/** The sign-in tenant rules on the embedded default: in-memory H2 with the tables of the library's own scripts. */
class TenantSignInOnH2Test extends TenantSignInContract {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    @Override
    protected UserStore createEmptyStore() {
        return JdbcUserStore.inMemoryH2("signin_" + DATABASES.incrementAndGet());
    }
}
