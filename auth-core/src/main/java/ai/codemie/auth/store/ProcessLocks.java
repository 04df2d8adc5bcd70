package ai.codemie.auth.store;

import ai.codemie.auth.store.UserStore.ExclusiveLock;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Exclusive locks held in this process, by name: the store-wide locks of a store whose data only this process
 * reaches (in memory, or an embedded database). Thread-safe.
 */
public final class ProcessLocks {

    private final Set<String> held = ConcurrentHashMap.newKeySet();

    /** The lock of that name, or empty at once when it is held; closing the lock releases it, once. */
    public Optional<ExclusiveLock> tryLock(String name) {
        Objects.requireNonNull(name, "name");
        if (!held.add(name)) {
            return Optional.empty();
        }
        AtomicBoolean released = new AtomicBoolean();
        return Optional.of(() -> {
            if (released.compareAndSet(false, true)) {
                held.remove(name);
            }
        });
    }
}
