package ai.codemie.auth.examples.spring;

import ai.codemie.auth.spring.test.CodemieTestIssuer;
import ai.codemie.auth.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.json.JsonCompareMode;

/** {@code BARE_ENDPOINT=true}: the assistants endpoint again without the filter, for load tests. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "BARE_ENDPOINT=true")
@CodemieTestIssuer
class BareEndpointServiceTest extends ServiceTest {

    @Autowired
    TestTokens tokens;

    @Test
    void bareEndpointAnswersWithoutATokenWhatTheGuardedOneAnswersAMember() {
        String member = tokens.forUser("member-1").roles("developer").applications("proj-a").sign();

        call("GET", "/v1/projects/proj-a/assistants", member, null).expectStatus().isOk()
                .expectBody().json("[]", JsonCompareMode.STRICT);
        call("GET", "/bare/projects/proj-a/assistants", null, null).expectStatus().isOk()
                .expectBody().json("[]", JsonCompareMode.STRICT);
    }

    @Test
    void theGuardedEndpointStillNeedsAToken() {
        call("GET", "/v1/projects/proj-a/assistants", null, null).expectStatus().isUnauthorized();
    }

    @Test
    void anyOtherBarePathIsNotFound() {
        call("GET", "/bare/projects/proj-a/other", null, null).expectStatus().isNotFound();
    }
}
