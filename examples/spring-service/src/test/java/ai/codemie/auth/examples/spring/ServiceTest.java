package ai.codemie.auth.examples.spring;

import ai.codemie.auth.test.TestTokens;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * What the service's HTTP tests share: one test issuer for the whole run (its JWKS served on a loopback port and
 * trusted through {@code JWKS_TRUSTED_ISSUERS}, as an operator would configure it) and a real HTTP client on the
 * service's random port.
 */
abstract class ServiceTest {

    static final TestTokens TOKENS = TestTokens.start();

    @LocalServerPort
    int port;

    /** Trusts the test issuer, by the platform's environment name. */
    static void trustTestIssuer(DynamicPropertyRegistry registry) {
        registry.add("JWKS_TRUSTED_ISSUERS", TOKENS::trustedIssuersJson);
    }

    RestTestClient http() {
        return RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }

    /** A request with the token as bearer and, for methods with a body, the JSON body. */
    RestTestClient.ResponseSpec call(String method, String path, String token, String body) {
        RestTestClient.RequestBodySpec request = http().method(HttpMethod.valueOf(method)).uri(path);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json").body(body);
        }
        return request.exchange();
    }
}
