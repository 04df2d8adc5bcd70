package ai.codemie.auth.jdbc;

import ai.codemie.auth.store.ChangeFeed;
import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The subscribers of one store and the delivery to them. A subscriber that throws is logged and does not keep
 * the others from hearing about the change.
 */
final class JdbcChangeFeed implements ChangeFeed {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcChangeFeed.class);

    private final CopyOnWriteArrayList<ChangeListener> listeners = new CopyOnWriteArrayList<>();

    @Override
    public AutoCloseable subscribe(ChangeListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Tells every subscriber that these users changed. */
    void usersChanged(Collection<String> userIds) {
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
    void everythingChanged() {
        for (ChangeListener listener : listeners) {
            try {
                listener.everythingChanged();
            } catch (RuntimeException e) {
                LOG.error("A user store subscriber failed to drop everything", e);
            }
        }
    }
}
