package ai.codemie.auth.examples.spring;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * What the service's HTTP tests share: a real HTTP client on the service's random port. Tests with real tokens add
 * {@code @CodemieTestIssuer}, which makes the service trust the test kit's issuer through
 * {@code JWKS_TRUSTED_ISSUERS}, as an operator would configure it.
 */
abstract class ServiceTest {

    @LocalServerPort
    int port;

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
