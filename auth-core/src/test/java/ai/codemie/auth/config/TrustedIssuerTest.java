package ai.codemie.auth.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrustedIssuerTest {

    @Test
    void masksSecretsInTheValuesItShows() {
        assertThat(TrustedIssuer.maskedValue("JWKS_TRUSTED_ISSUERS",
                "[{\"issuer\":\"i\",\"shared_secret\":\"s3cr3t\"}]")).isEqualTo(
                "[{\"issuer\":\"i\",\"shared_secret\":\"***\"}]");
        // a misspelt member name, and JSON too broken to tell where a secret starts
        assertThat(TrustedIssuer.maskedValue("JWKS_TRUSTED_ISSUERS",
                "[{\"issuer\":\"i\",\"shared_secert\":\"s3cr3t\"}]")).doesNotContain("s3cr3t");
        assertThat(TrustedIssuer.maskedValue("JWKS_TRUSTED_ISSUERS",
                "[{\"issuer\":\"i\",\"shared_\"secret\":\"s3cr3t\"}]")).doesNotContain("s3cr3t").startsWith("(not shown");
        assertThat(TrustedIssuer.maskedValue("KEYCLOAK_ADMIN_CLIENT_SECRET", "s3cr3t")).isEqualTo("***");
        assertThat(TrustedIssuer.maskedValue("SPRING_DATASOURCE_PASSWORD", "s3cr3t")).isEqualTo("***");
        assertThat(TrustedIssuer.maskedValue("USER_PROJECT_LIMIT", "-1")).isEqualTo("-1");
        assertThat(TrustedIssuer.maskedValue("USER_PROJECT_LIMIT", null)).isNull();
    }
}
