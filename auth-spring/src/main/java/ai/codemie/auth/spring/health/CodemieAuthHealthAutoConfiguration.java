package ai.codemie.auth.spring.health;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.spring.CodemieAuthAutoConfiguration;
import ai.codemie.auth.store.UserStore;
import ai.codemie.auth.token.TokenVerifier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Health contributors {@code codemieAuthKeys} ({@link IssuerKeysHealthIndicator}) and {@code codemieAuthStore}
 * ({@link UserStoreHealthIndicator}), when Spring Boot's health support is on the class path; switched off with
 * {@code management.health.codemie-auth.enabled=false}. Each backs off when the application defines a bean of that
 * name.
 */
@AutoConfiguration(after = CodemieAuthAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "codemie.auth.enabled", matchIfMissing = true)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnEnabledHealthIndicator("codemie-auth")
public class CodemieAuthHealthAutoConfiguration {

    @Bean
    @ConditionalOnBean(TokenVerifier.class)
    @ConditionalOnMissingBean(name = "codemieAuthKeysHealthIndicator")
    IssuerKeysHealthIndicator codemieAuthKeysHealthIndicator(TokenVerifier verifier) {
        return new IssuerKeysHealthIndicator(verifier);
    }

    @Bean
    @ConditionalOnBean({AuthSettings.class, UserStore.class})
    @ConditionalOnMissingBean(name = "codemieAuthStoreHealthIndicator")
    UserStoreHealthIndicator codemieAuthStoreHealthIndicator(AuthSettings settings, ObjectProvider<UserStore> store) {
        return new UserStoreHealthIndicator(settings, store);
    }
}
