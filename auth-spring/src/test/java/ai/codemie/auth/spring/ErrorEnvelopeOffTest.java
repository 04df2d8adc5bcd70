package ai.codemie.auth.spring;

import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.test.TestCallers;
import ai.codemie.auth.spring.web.EnvelopeErrorController;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.client.RestTestClient;

/** With {@code codemie.auth.error-envelope=false} the framework's and Tomcat's error pages are left as they are. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "codemie.auth.error-envelope=false")
@Import(TestCallersConfiguration.class)
class ErrorEnvelopeOffTest {

    @Autowired
    TestCallers callers;

    @Autowired
    ErrorController errorController;

    @LocalServerPort
    int port;

    @Test
    void leavesSpringBootsErrorBody() {
        String bearer = "Bearer " + callers.install(TestCallers.user("member").roles(List.of("developer")).build());

        String body = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build().get()
                .uri("/no-such-path").header("Authorization", bearer).exchange().expectStatus().isNotFound()
                .returnResult(String.class).getResponseBody();

        assertThat(errorController).isNotInstanceOf(EnvelopeErrorController.class);
        assertThat(body).contains("\"timestamp\"").doesNotContain("\"error\":{");
    }

    @Test
    void leavesTomcatsErrorPage() throws Exception {
        RawHttp.Answer answer = RawHttp.send(port, "GET /projects/a%2Fb HTTP/1.1");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).startsWith("text/html");
    }
}
