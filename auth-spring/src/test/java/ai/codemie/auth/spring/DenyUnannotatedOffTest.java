package ai.codemie.auth.spring;

import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.spring.web.EndpointReport;
import ai.codemie.auth.test.TestCallers;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** With deny-by-default off, a handler without annotations is reachable and flagged in the startup report. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "codemie.auth.deny-unannotated=false")
@Import(TestCallersConfiguration.class)
class DenyUnannotatedOffTest extends ServerHttpTest {

    @Autowired
    EndpointReport report;

    @Test
    void letsAnySignedInCallerReachAnUnannotatedHandler() {
        String token = callers.install(TestCallers.user("someone").build());
        http.get().uri("/unannotated").header("Authorization", "Bearer " + token).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("reached");
    }

    @Test
    void stillRequiresAuthenticationForAnUnannotatedHandler() {
        http.get().uri("/unannotated").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void flagsTheUnannotatedHandlerAsUnprotectedInTheReport() {
        assertThat(report.unprotected()).extracting(EndpointReport.Endpoint::patterns)
                .containsExactly(Set.of("/unannotated"));
        assertThat(report.render()).containsPattern("GET +/unannotated +UNPROTECTED: no access annotation");
    }
}
