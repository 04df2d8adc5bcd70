package ai.codemie.auth.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.codemie.auth.error.InvalidConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

/** A bad or missing setting stops startup with Spring Boot's failure report naming it, not a long stack trace. */
@ExtendWith(OutputCaptureExtension.class)
class InvalidConfigurationFailureAnalyzerTest {

    @Test
    void startupWithoutTrustedIssuerPrintsTheFailureAnalysis(CapturedOutput output) {
        Throwable failure = catchThrowable(() -> start("IDP_PROVIDER=keycloak"));

        assertThat(failure).hasRootCauseInstanceOf(InvalidConfigurationException.class);
        String printed = output.toString();
        assertThat(printed).contains("APPLICATION FAILED TO START",
                "The setting JWKS_TRUSTED_ISSUERS is invalid: no trusted issuer is configured and IDP_PROVIDER is "
                        + "'keycloak', so no token could ever be accepted",
                "Value:   (not set)", "Action:", "Set JWKS_TRUSTED_ISSUERS to a valid value",
                "JWKS_TRUSTED_ISSUERS='[{\"issuer\":\"https://keycloak.example.com/realms/codemie-prod\"",
                "IDP_PROVIDER=local CODEMIE_AUTH_DEV_GENERATE_LOCAL_KEY=true");
        assertThat(printed).doesNotContain("Caused by", "\tat ");
        // a figure for the record: how much a new user reads before the message
        System.out.println("failure report lines: " + printed.lines().count());
    }

    @Test
    void showsTheBadValueAndMasksTheSecretsInIt(CapturedOutput output) {
        catchThrowable(() -> start("JWKS_TRUSTED_ISSUERS=[{\"issuer\":\"https://idp.example\","
                + "\"shared_secret\":\"s3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t\",\"colour\":\"red\"}]"));

        assertThat(output.toString()).contains("APPLICATION FAILED TO START",
                "element 0 has unknown member \"colour\"",
                "Value:   '[{\"issuer\":\"https://idp.example\",\"shared_secret\":\"***\",\"colour\":\"***\"}]'")
                .doesNotContain("s3cr3t");
    }

    @Test
    void showsTheValueOfTheSpringPropertyWhenTheEnvironmentNameIsUnset() {
        MockEnvironment environment = new MockEnvironment().withProperty("codemie.auth.user-project-limit", "-1");
        InvalidConfigurationException cause = new InvalidConfigurationException("USER_PROJECT_LIMIT",
                "must be at least 0, was -1");

        FailureAnalysis analysis = new InvalidConfigurationFailureAnalyzer(environment).analyze(cause);

        assertThat(analysis.getDescription()).startsWith("The setting USER_PROJECT_LIMIT is invalid: must be at "
                + "least 0, was -1").contains("Value:   '-1'");
        assertThat(analysis.getAction()).startsWith("Set USER_PROJECT_LIMIT to a valid value")
                .doesNotContain("JWKS_TRUSTED_ISSUERS");
    }

    /** The sample application without its application.properties, which trust an issuer. */
    private static void start(String property) {
        new SpringApplicationBuilder(SampleApplication.class)
                .properties("spring.config.name=no-such-config", "server.port=0", property).run().close();
    }
}
