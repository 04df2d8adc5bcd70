package ai.codemie.auth.test;

import ai.codemie.auth.store.ChangeFeed;
import ai.codemie.auth.store.InMemoryUserStore;
import ai.codemie.auth.store.StoreUnavailableException;
import ai.codemie.auth.store.UserStore;
import java.net.ConnectException;
import java.util.Optional;

/**
 * An in-memory user store for tests of platform-managed mode: seeded fluently, and able to be taken down so that
 * a test can watch the service answer 503 during a store outage. Thread-safe.
 *
 * <pre>{@code
 * TestStore store = new TestStore();
 * store.seed().user(ALICE).member("proj-a", false).and().user(ROOT).admin();
 * store.reachable(false);   // every transaction now fails with StoreUnavailableException
 * }</pre>
 */
public final class TestStore implements UserStore {

    private final InMemoryUserStore store = new InMemoryUserStore();
    private volatile boolean reachable = true;

    /** Puts users, projects and grants into the store, and reads back what it holds; works while the store is down. */
    public StoreSeeder seed() {
        return StoreSeeder.of(store);
    }

    /** The store behind this fixture, for assertions on what it holds. */
    public InMemoryUserStore inMemory() {
        return store;
    }

    /** Takes the store down (false) or brings it back (true). */
    public void reachable(boolean value) {
        reachable = value;
    }

    /**
     * Runs the work on the in-memory store.
     *
     * @throws StoreUnavailableException while the store is down
     */
    @Override
    public <T> T inTransaction(StoreWork<T> work) {
        requireReachable();
        return store.inTransaction(work);
    }

    /**
     * Takes the in-memory store's lock.
     *
     * @throws StoreUnavailableException while the store is down
     */
    @Override
    public Optional<ExclusiveLock> tryExclusiveLock(String name) {
        requireReachable();
        return store.tryExclusiveLock(name);
    }

    private void requireReachable() {
        if (!reachable) {
            throw new StoreUnavailableException(new ConnectException("the test store is down"));
        }
    }

    @Override
    public ChangeFeed changeFeed() {
        return store.changeFeed();
    }
}
