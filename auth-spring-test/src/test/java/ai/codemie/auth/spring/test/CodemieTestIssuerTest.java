package ai.codemie.auth.spring.test;

import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.test.web.servlet.client.RestTestClient;

/** One annotation and the application trusts the test kit's issuer: real signed tokens over real HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@CodemieTestIssuer
class CodemieTestIssuerTest {

    @Autowired
    TestTokens tokens;

    @Autowired
    Environment environment;

    @LocalServerPort
    int port;

    @Test
    void signsTokensTheApplicationAccepts() {
        String token = tokens.forUser("alice").roles("developer").applications("proj-a").sign();

        get("/projects/proj-a", token).expectStatus().isOk().expectBody(String.class).isEqualTo("proj-a");
        get("/projects/proj-b", token).expectStatus().isForbidden();
        get("/me", tokens.forUser("boss").roles("admin").sign()).expectStatus().isOk().expectBody()
                .jsonPath("$.admin").isEqualTo(true);
    }

    @Test
    void refusesTokensOfAnyOtherIssuer() {
        try (TestTokens other = TestTokens.start()) {
            get("/me", other.forUser("alice").roles("developer").sign()).expectStatus().isUnauthorized()
                    .expectBody().jsonPath("$.error.message").isEqualTo("Invalid token issuer");
        }
        get("/me", tokens.forUser("alice").roles("developer").signWithUntrustedKey()).expectStatus()
                .isUnauthorized();
    }

    @Test
    void trustsTheIssuerByThePlatformsEnvironmentName() {
        assertThat(environment.getProperty("JWKS_TRUSTED_ISSUERS")).isEqualTo(tokens.trustedIssuersJson())
                .contains(tokens.issuer());
    }

    private RestTestClient.ResponseSpec get(String path, String token) {
        return RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build().get().uri(path)
                .header("Authorization", "Bearer " + token).exchange();
    }
}
