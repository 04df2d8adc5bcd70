package ai.codemie.auth.spring;

import ai.codemie.auth.CodemieAuth;
import ai.codemie.auth.admin.UserAdministration;
import ai.codemie.auth.audit.AuditSink;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.error.InvalidConfigurationException;
import ai.codemie.auth.observe.AuthObserver;
import ai.codemie.auth.resolve.PermissionResolver;
import ai.codemie.auth.resolve.PermissionResolvers;
import ai.codemie.auth.store.UserStore;
import ai.codemie.auth.token.TokenVerifier;
import ai.codemie.auth.token.TokenVerifiers;
import java.time.Clock;
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
 * resolver of the configured mode and the {@link CodemieAuth} facade (reporting to the application's
 * {@link AuthObserver} bean, if there is one); in platform-managed mode also the
 * {@link UserAdministration} over the application's {@link UserStore} bean, reporting its changes to the
 * {@link AuditSink} bean ({@link AuditSink#logging()} unless the application defines one). Each backs off when
 * the application defines its own. Everything that decides on time reads the application's {@link Clock} bean, or
 * the system clock in UTC when there is none. Switched off with {@code codemie.auth.enabled=false}.
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
    TokenVerifier codemieTokenVerifier(AuthSettings settings, ObjectProvider<Clock> clock) {
        return TokenVerifiers.create(settings, clockOf(clock));
    }

    /** Keycloak-managed mode reads the claims; platform-managed mode needs the application's user store. */
    @Bean
    @ConditionalOnMissingBean
    PermissionResolver codemiePermissionResolver(AuthSettings settings, ObjectProvider<UserStore> store,
            ObjectProvider<Clock> clock) {
        return PermissionResolvers.forMode(settings, store::getIfAvailable, clockOf(clock));
    }

    /** Where administrative changes are reported when the application has no sink of its own: one log line each. */
    @Bean
    @ConditionalOnMissingBean
    AuditSink codemieAuditSink() {
        return AuditSink.logging();
    }

    /** In platform-managed mode with the application's user store, so that its administration API works. */
    @Bean
    @ConditionalOnMissingBean
    CodemieAuth codemieAuth(AuthSettings settings, TokenVerifier tokenVerifier,
            PermissionResolver permissionResolver, ObjectProvider<UserStore> store, ObjectProvider<Clock> clock,
            ObjectProvider<AuthObserver> observer, AuditSink audit) {
        CodemieAuth.Builder builder = CodemieAuth.builder(settings).tokenVerifier(tokenVerifier)
                .permissionResolver(permissionResolver).clock(clockOf(clock))
                .observer(observer.getIfAvailable(() -> AuthObserver.NONE))
                .audit(audit);
        if (settings.get(AuthSettings.ENABLE_USER_MANAGEMENT)) {
            // only in this mode: a store bean that Keycloak-managed mode does not need is never opened
            builder.userStore(store.getIfAvailable());
        }
        return builder.build();
    }

    /**
     * The administration API of the {@link CodemieAuth} bean, created when first used; changes are reported to the
     * permission resolver's cache at once.
     */
    @Bean
    @Lazy
    @ConditionalOnMissingBean
    UserAdministration codemieUserAdministration(AuthSettings settings, CodemieAuth auth) {
        if (!settings.get(AuthSettings.ENABLE_USER_MANAGEMENT)) {
            throw new InvalidConfigurationException(AuthSettings.ENABLE_USER_MANAGEMENT.name(),
                    "the administration API needs platform-managed mode (ENABLE_USER_MANAGEMENT=true)");
        }
        return auth.administration();
    }

    /** The application's {@link Clock} bean, else the system clock in UTC. */
    private static Clock clockOf(ObjectProvider<Clock> clock) {
        return clock.getIfAvailable(Clock::systemUTC);
    }
}
