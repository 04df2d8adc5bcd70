package ai.codemie.auth.spring;

import ai.codemie.auth.CodemieAuth;
import ai.codemie.auth.admin.UserAdministration;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.error.InvalidConfigurationException;
import ai.codemie.auth.resolve.KeycloakManagedResolver;
import ai.codemie.auth.resolve.PermissionResolver;
import ai.codemie.auth.resolve.PlatformManagedResolver;
import ai.codemie.auth.store.UserStore;
import ai.codemie.auth.token.TokenVerifier;
import ai.codemie.auth.token.TokenVerifiers;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/**
 * The library's core objects as beans: the {@link AuthSettings} (from {@code codemie.auth.*} properties and the
 * platform's environment names, the latter winning), the token verifier of the trusted issuers, the permission
 * resolver of the configured mode and the {@link CodemieAuth} facade; in platform-managed mode also the
 * {@link UserAdministration} over the application's {@link UserStore} bean. Each backs off when the application
 * defines its own. Switched off with {@code codemie.auth.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "codemie.auth.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CodemieAuthProperties.class)
public class CodemieAuthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    AuthSettings codemieAuthSettings(Environment environment) {
        return SettingProperties.settings(environment);
    }

    @Bean
    @ConditionalOnMissingBean
    TokenVerifier codemieTokenVerifier(AuthSettings settings) {
        return TokenVerifiers.create(settings);
    }

    /** Keycloak-managed mode reads the claims; platform-managed mode needs the application's user store. */
    @Bean
    @ConditionalOnMissingBean
    PermissionResolver codemiePermissionResolver(AuthSettings settings, ObjectProvider<UserStore> store) {
        if (!settings.get(AuthSettings.ENABLE_USER_MANAGEMENT)) {
            return new KeycloakManagedResolver(settings);
        }
        UserStore userStore = store.getIfAvailable();
        if (userStore == null) {
            throw new InvalidConfigurationException(AuthSettings.ENABLE_USER_MANAGEMENT.name(),
                    "platform-managed mode needs a user store: define a UserStore bean (auth-jdbc's JdbcUserStore "
                            + "for a database)");
        }
        return new PlatformManagedResolver(settings, userStore);
    }

    @Bean
    @ConditionalOnMissingBean
    CodemieAuth codemieAuth(AuthSettings settings, TokenVerifier tokenVerifier,
            PermissionResolver permissionResolver) {
        return CodemieAuth.builder(settings).tokenVerifier(tokenVerifier).permissionResolver(permissionResolver)
                .build();
    }

    /**
     * The administration API, created when first used (so a store bean that is not needed in Keycloak-managed
     * mode is never opened); changes are reported to the platform-managed resolver's cache at once.
     */
    @Bean
    @Lazy
    @ConditionalOnMissingBean
    UserAdministration codemieUserAdministration(AuthSettings settings, ObjectProvider<UserStore> store,
            PermissionResolver resolver) {
        if (!(resolver instanceof PlatformManagedResolver platform)) {
            throw new InvalidConfigurationException(AuthSettings.ENABLE_USER_MANAGEMENT.name(),
                    "the administration API needs platform-managed mode (ENABLE_USER_MANAGEMENT=true)");
        }
        return new UserAdministration(settings, store.getObject(), platform.changeListener());
    }
}
