package ai.codemie.auth.store;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChangeFeed} that a store announces its changes through: it keeps the subscribers and tells each of them,
 * on the announcing thread. A subscriber that throws is logged and does not keep the others from hearing about the
 * change. Thread-safe.
 */
public final class BroadcastChangeFeed implements ChangeFeed {

    private static final Logger LOG = LoggerFactory.getLogger(BroadcastChangeFeed.class);

    private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();

    @Override
    public AutoCloseable subscribe(ChangeListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Tells every subscriber that these users changed. */
    public void usersChanged(Collection<String> userIds) {
        for (String userId : userIds) {
            for (ChangeListener listener : listeners) {
                try {
                    listener.userChanged(userId);
                } catch (RuntimeException e) {
                    LOG.error("A user store subscriber failed on the change of user {}", userId, e);
                }
            }
        }
    }

    /** Tells every subscriber to drop everything. */
    public void everythingChanged() {
        for (ChangeListener listener : listeners) {
            try {
                listener.everythingChanged();
            } catch (RuntimeException e) {
                LOG.error("A user store subscriber failed to drop everything", e);
            }
        }
    }
}
