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

    private static final String TENANT_PREFIX = "tenant:";

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

    /** Tells every subscriber that these tenants' definitions changed. */
    public void tenantsChanged(Collection<String> tenantIds) {
        for (String tenantId : tenantIds) {
            for (ChangeListener listener : listeners) {
                try {
                    listener.tenantChanged(tenantId);
                } catch (RuntimeException e) {
                    LOG.error("A user store subscriber failed on the change of tenant {}", tenantId, e);
                }
            }
        }
    }

    /**
     * Tells every subscriber what one notification says: {@link #tenantPayload(String)} for a tenant, anything else
     * (a user id, as every version has sent) for a user.
     */
    public void changed(String payload) {
        if (payload.startsWith(TENANT_PREFIX)) {
            tenantsChanged(List.of(payload.substring(TENANT_PREFIX.length())));
        } else {
            usersChanged(List.of(payload));
        }
    }

    /**
     * The notification payload announcing a tenant's definition change, {@code tenant:<id>}: the ids of users who
     * sign in are UUIDs, which hold no colon, and a replica that does not know tenants drops nothing it holds on
     * hearing it.
     */
    public static String tenantPayload(String tenantId) {
        return TENANT_PREFIX + tenantId;
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
