package ai.codemie.auth.spring;

import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.test.TestCallers;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.json.JsonCompareMode;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The framework's and Tomcat's own errors in the platform's error envelope: one format for the whole service. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestCallersConfiguration.class)
class ErrorEnvelopeHttpTest {

    static final EffectivePermissions MEMBER = TestCallers.user("member").roles(List.of("developer")).build();
    static final String ENVELOPE = "^\\{\"error\":\\{\"message\":\"[^\"]+\",\"details\":(null|\"[^\"]*\"),\"help\":null}}$";

    @Autowired
    TestCallers callers;

    @LocalServerPort
    int port;

    RestTestClient http;
    String bearer;

    @BeforeEach
    void connect() {
        http = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).build();
        bearer = "Bearer " + callers.install(MEMBER);
    }

    @Test
    void answersAnUnknownPathWith404Envelope() {
        http.get().uri("/no-such-path").header("Authorization", bearer).exchange().expectStatus().isNotFound()
                .expectHeader().contentType("application/json;charset=UTF-8")
                .expectBody().json("""
                        {"error": {"message": "Not Found", "details": null, "help": null}}""", JsonCompareMode.STRICT);
    }

    @Test
    void answersAnUnreadableBodyWith400Envelope() {
        http.post().uri("/echo").header("Authorization", bearer).header("Content-Type", "application/json")
                .body("{not json").exchange().expectStatus().isBadRequest().expectBody().json("""
                        {"error": {"message": "Invalid request body",
                         "details": "The request body is missing or is not the JSON this endpoint expects: \
                        one JSON object, with each member name at most once.",
                         "help": null}}""", JsonCompareMode.STRICT);
    }

    @Test
    void saysWhatToFixForWrongMethodContentTypeAndPathValue() {
        http.get().uri("/echo").header("Authorization", bearer).exchange().expectStatus().isEqualTo(405)
                .expectBody().json("""
                        {"error": {"message": "Method Not Allowed", "details": "Allowed methods: POST.",
                         "help": null}}""", JsonCompareMode.STRICT);
        http.post().uri("/echo").header("Authorization", bearer).header("Content-Type", "text/plain").body("x")
                .exchange().expectStatus().isEqualTo(415).expectBody()
                .jsonPath("$.error.message").isEqualTo("Unsupported Media Type")
                .jsonPath("$.error.details").value(details -> assertThat((String) details)
                        .startsWith("Supported content types: ").contains("application/json"));
        http.get().uri("/count/twelve").header("Authorization", bearer).exchange().expectStatus().isBadRequest()
                .expectBody().json("""
                        {"error": {"message": "Bad Request", "details": "The value of 'n' is not valid.",
                         "help": null}}""", JsonCompareMode.STRICT);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/projects/a%2Fb", "/projects/a%00b", "/projects/%ZZ", "/projects/a%2"})
    void answersAPathTomcatRefusesWith400Envelope(String path) throws Exception {
        RawHttp.Answer answer = RawHttp.send(port, "GET " + path + " HTTP/1.1", "Authorization: " + bearer);

        assertThat(answer.status()).as(answer.headers()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).isEqualTo("application/json;charset=UTF-8");
        assertThat(answer.body()).matches(ENVELOPE).contains("\"message\":\"Bad Request\"");
    }

    @Test
    void answersHeadersOverTheLimitWith400Envelope() throws Exception {
        RawHttp.Answer answer = RawHttp.send(port, "GET /me HTTP/1.1", "Authorization: " + bearer,
                "X-Padding: " + "x".repeat(64 * 1024));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).isEqualTo("application/json;charset=UTF-8");
        assertThat(answer.body()).matches(ENVELOPE).doesNotContain("<html", "Tomcat");
    }

    @Test
    void keepsTheLibrarysOwnRefusalsAsTheyAre() {
        http.get().uri("/no-such-path").exchange().expectStatus().isUnauthorized().expectBody().json("""
                {"error": {"message": "Authentication required", "details": null, "help": null}}""",
                JsonCompareMode.STRICT);
    }
}
