package ai.codemie.auth.resolve;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.error.InvalidConfigurationException;
import ai.codemie.auth.store.UserStore;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses the {@link PermissionResolver} of the settings' mode ({@code ENABLE_USER_MANAGEMENT}). */
public final class PermissionResolvers {

    private static final Logger LOG = LoggerFactory.getLogger(PermissionResolvers.class);

    private PermissionResolvers() {
    }

    /**
     * Keycloak-managed mode (false) reads the claims; platform-managed mode (true) reads the user store, which is
     * asked for only in that mode. Either resolver runs on the clock; the platform-managed one is closed to stop
     * listening to the store's change feed.
     *
     * <p>With {@code CODEMIE_AUTH_TENANTS_ENABLED} in platform-managed mode, the resolver reads tenants and runs the
     * sign-in's tenant rules ({@link PlatformManagedResolver}), and the default tenant is created in the store now
     * unless it exists. In Keycloak-managed mode the setting only logs a warning: tenants need the store.
     *
     * @param store the application's user store, or null when it has none
     * @throws InvalidConfigurationException in platform-managed mode without a store, or with tenants on and a store
     *                                       that cannot hold them
     */
    public static PermissionResolver forMode(AuthSettings settings, Supplier<UserStore> store, Clock clock) {
        Objects.requireNonNull(clock, "clock");
        if (!settings.get(AuthSettings.ENABLE_USER_MANAGEMENT)) {
            if (settings.get(AuthSettings.TENANTS_ENABLED)) {
                LOG.warn("{}=true has no effect: tenants need platform-managed mode ({}=true)",
                        AuthSettings.TENANTS_ENABLED.name(), AuthSettings.ENABLE_USER_MANAGEMENT.name());
            }
            return new KeycloakManagedResolver(settings, clock);
        }
        UserStore userStore = store.get();
        if (userStore == null) {
            throw new InvalidConfigurationException(AuthSettings.ENABLE_USER_MANAGEMENT.name(),
                    "platform-managed mode (true) needs a user store: give one to CodemieAuth.Builder.userStore, or "
                            + "define a UserStore bean in Spring (auth-jdbc's JdbcUserStore for a database)");
        }
        boolean tenants = StoredPermissions.tenantsOn(settings);
        if (tenants) {
            TenantSignIn.createDefaultTenant(settings, userStore);
        }
        return new PlatformManagedResolver(settings, userStore, clock, tenants);
    }
}
