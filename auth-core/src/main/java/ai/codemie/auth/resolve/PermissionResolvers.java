package ai.codemie.auth.resolve;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.error.InvalidConfigurationException;
import ai.codemie.auth.store.UserStore;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/** Chooses the {@link PermissionResolver} of the settings' mode ({@code ENABLE_USER_MANAGEMENT}). */
public final class PermissionResolvers {

    private PermissionResolvers() {
    }

    /**
     * Keycloak-managed mode (false) reads the claims; platform-managed mode (true) reads the user store, which is
     * asked for only in that mode. Either resolver runs on the clock; the platform-managed one is closed to stop
     * listening to the store's change feed.
     *
     * @param store the application's user store, or null when it has none
     * @throws InvalidConfigurationException in platform-managed mode without a store
     */
    public static PermissionResolver forMode(AuthSettings settings, Supplier<UserStore> store, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        if (!settings.get(AuthSettings.ENABLE_USER_MANAGEMENT)) {
            return new KeycloakManagedResolver(settings, clock);
        }
        UserStore userStore = store.get();
        if (userStore == null) {
            throw new InvalidConfigurationException(AuthSettings.ENABLE_USER_MANAGEMENT.name(),
                    "platform-managed mode (true) needs a user store: give one to CodemieAuth.Builder.userStore, or "
                            + "define a UserStore bean in Spring (auth-jdbc's JdbcUserStore for a database)");
        }
        return new PlatformManagedResolver(settings, userStore, clock);
    }
}
