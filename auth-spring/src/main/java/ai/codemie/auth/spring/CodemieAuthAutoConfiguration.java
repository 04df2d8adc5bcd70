package ai.codemie.auth.spring;

import ai.codemie.auth.CodemieAuth;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.error.InvalidConfigurationException;
import ai.codemie.auth.resolve.KeycloakManagedResolver;
import ai.codemie.auth.resolve.PermissionResolver;
import ai.codemie.auth.token.TokenVerifier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The library's core objects as beans: the {@link AuthSettings} (from {@code codemie.auth.*} properties and the
 * platform's environment names, the latter winning), the token verifier, the permission resolver of the
 * configured mode and the {@link CodemieAuth} facade. Each backs off when the application defines its own.
 * Switched off with {@code codemie.auth.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "codemie.auth.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CodemieAuthProperties.class)
public class CodemieAuthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    AuthSettings codemieAuthSettings(CodemieAuthProperties properties, Environment environment) {
        return properties.toSettings(environment::getProperty);
    }

    @Bean
    @ConditionalOnMissingBean
    PermissionResolver codemiePermissionResolver(AuthSettings settings) {
        if (settings.userManagementEnabled()) {
            throw new InvalidConfigurationException(AuthSettings.ENABLE_USER_MANAGEMENT,
                    "platform-managed mode needs a PermissionResolver bean");
        }
        return new KeycloakManagedResolver(settings);
    }

    @Bean
    @ConditionalOnMissingBean
    CodemieAuth codemieAuth(AuthSettings settings, ObjectProvider<TokenVerifier> tokenVerifier,
            PermissionResolver permissionResolver) {
        return CodemieAuth.builder(settings).tokenVerifier(tokenVerifier.getObject())
                .permissionResolver(permissionResolver).build();
    }
}
