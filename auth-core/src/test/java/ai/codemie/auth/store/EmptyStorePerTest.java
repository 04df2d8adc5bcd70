package ai.codemie.auth.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The base of the store contracts: each test gets a new, empty store, closed after it. */
public abstract class EmptyStorePerTest {

    /** The store under test: empty when a test starts. */
    protected UserStore store;

    /** A new, empty store for one test; closed after the test when it is {@link AutoCloseable}. */
    protected abstract UserStore createEmptyStore() throws Exception;

    @BeforeEach
    final void openStore() throws Exception {
        store = createEmptyStore();
    }

    @AfterEach
    final void closeStore() throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
