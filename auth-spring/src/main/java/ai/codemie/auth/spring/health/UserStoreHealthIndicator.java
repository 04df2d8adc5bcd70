package ai.codemie.auth.spring.health;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.error.UnavailableException;
import ai.codemie.auth.store.UserStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The user store of platform-managed mode: DOWN when it cannot be reached (what gives requests whose permissions are
 * not cached a 503), UP when a read in a transaction succeeds; UNKNOWN in Keycloak-managed mode, where requests never
 * read the store (and the store is left unopened).
 */
public final class UserStoreHealthIndicator implements HealthIndicator {

    /** The user read: whether it exists does not matter, any answer proves the store answers. */
    static final String PROBE_USER = "00000000-0000-0000-0000-000000000000";

    private final AuthSettings settings;
    private final ObjectProvider<UserStore> store;

    /** The indicator of the store, looked up when first checked in platform-managed mode. */
    public UserStoreHealthIndicator(AuthSettings settings, ObjectProvider<UserStore> store) {
        this.settings = settings;
        this.store = store;
    }

    @Override
    public Health health() {
        if (!settings.get(AuthSettings.ENABLE_USER_MANAGEMENT)) {
            return Health.unknown().withDetail("reason", "Keycloak-managed mode reads no user store").build();
        }
        try {
            store.getObject().inTransaction(transaction -> transaction.users().find(PROBE_USER));
            return Health.up().build();
        } catch (UnavailableException e) {
            // the reason code only: a driver's message may quote the database's address or user
            return Health.down().withDetail("reason", e.problem().reason()).build();
        }
    }
}
