package ai.codemie.auth.spring;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.TrustedIssuer;
import ai.codemie.auth.error.InvalidConfigurationException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Turns a bad or missing setting of the library into Spring Boot's "APPLICATION FAILED TO START" report: which
 * setting, the value it had (masked where secret), what is wrong with it and what to do — instead of a long stack
 * trace whose useful line is the last cause. Registered in {@code META-INF/spring.factories}.
 */
public final class InvalidConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfigurationException> {

    /** A value of {@code JWKS_TRUSTED_ISSUERS} in Keycloak's shape, shown when that setting is wrong. */
    private static final String ISSUER_EXAMPLE = "[{\"issuer\":\"https://keycloak.example.com/realms/codemie-prod\","
            + "\"jwks_uri\":\"https://keycloak.example.com/realms/codemie-prod/protocol/openid-connect/certs\"}]";

    private final Environment environment;

    /** Spring Boot passes the application's environment, where the setting's value is looked up. */
    public InvalidConfigurationFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfigurationException cause) {
        String setting = cause.setting();
        String problem = cause.getMessage().startsWith(setting + ": ")
                ? cause.getMessage().substring(setting.length() + 2) : cause.getMessage();
        String value = TrustedIssuer.maskedValue(setting, valueOf(setting));
        String description = "The setting " + setting + " is invalid: " + problem + "\n\n"
                + "    Setting: " + setting + " (environment variable; in a Spring application also its "
                + "codemie.auth.* property)\n"
                + "    Value:   " + (value == null ? "(not set)" : "'" + value + "'");
        StringBuilder action = new StringBuilder("Set ").append(setting)
                .append(" to a valid value and start the application again. The README's Configuration table lists ")
                .append("every setting with its default and its values.");
        if (setting.equals(AuthSettings.JWKS_TRUSTED_ISSUERS.name())) {
            action.append(" Name the identity provider whose tokens the service accepts, for example:\n\n    ")
                    .append(AuthSettings.JWKS_TRUSTED_ISSUERS.name()).append("='").append(ISSUER_EXAMPLE)
                    .append("'\n\n")
                    .append("or, to try the service without an identity provider (development only): ")
                    .append(AuthSettings.IDP_PROVIDER.name()).append("=local ")
                    .append(AuthSettings.DEV_GENERATE_LOCAL_KEY.name()).append("=true");
        }
        return new FailureAnalysis(description, action.toString(), cause);
    }

    /** The value under the environment name, or else under its {@code codemie.auth.*} alias; null when unset. */
    private String valueOf(String setting) {
        String value = environment.getProperty(setting);
        if (value != null && !value.isBlank()) {
            return value;
        }
        try {
            return SettingProperties.asEnvironment(Binder.get(environment)).get(setting);
        } catch (RuntimeException unbindable) {
            // a property that cannot be bound has its own failure; the report then shows no value
            return null;
        }
    }
}
