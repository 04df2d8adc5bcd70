package ai.codemie.auth.spring;

import ai.codemie.auth.test.TestCallers;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * What the tests against a running Spring Boot server on a random port share: the test kit's callers and an HTTP
 * client bound to the server, made anew before each test.
 */
public abstract class ServerHttpTest {

    /** Installs callers whose tokens the server accepts. */
    @Autowired
    protected TestCallers callers;

    /** The server's port. */
    @LocalServerPort
    protected int port;

    /** A client of the server. */
    protected RestTestClient http;

    @BeforeEach
    void connect() {
        http = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
    }
}
