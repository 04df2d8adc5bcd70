package ai.codemie.auth.jdbc;

import ai.codemie.auth.store.UserStore;
import ai.codemie.auth.store.UserStoreContract;
import java.util.concurrent.atomic.AtomicInteger;

/** The store contract on the embedded default: in-memory H2 with the tables of the library's own script. */
class JdbcUserStoreOnH2Test extends UserStoreContract {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    @Override
    protected UserStore createEmptyStore() {
        return JdbcUserStore.inMemoryH2("contract_" + DATABASES.incrementAndGet());
    }
}
