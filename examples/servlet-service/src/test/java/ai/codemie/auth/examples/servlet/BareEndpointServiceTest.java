package ai.codemie.auth.examples.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.error.InvalidConfigurationException;
import ai.codemie.auth.test.CodemieAuthTest;
import ai.codemie.auth.test.TestTokens;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code BARE_ENDPOINT}: the assistants endpoint without the filter, for load tests, only when asked for. */
@CodemieAuthTest
class BareEndpointServiceTest {

    @Test
    void bareEndpointAnswersWithoutATokenWhenEnabledWhileTheGuardedOneStillNeedsOne(TestTokens issuer)
            throws Exception {
        try (ServletService service = ServletService.start(environment(issuer, "true"))) {
            ServiceClient client = new ServiceClient(service.port());

            HttpResponse<String> bare = client.call("GET", "/bare/projects/proj-a/assistants", null, null);
            HttpResponse<String> guarded = client.call("GET", "/v1/projects/proj-a/assistants", null, null);
            HttpResponse<String> member = client.call("GET", "/v1/projects/proj-a/assistants", null,
                    issuer.forUser("member-1").roles("developer").applications("proj-a").sign());

            assertThat(bare.statusCode()).isEqualTo(200);
            assertThat(bare.body()).isEqualTo(member.body()).isEqualTo("[]");
            assertThat(guarded.statusCode()).isEqualTo(401);
            assertThat(client.call("GET", "/bare/projects/proj-a/other", null, null).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void bareEndpointDoesNotExistByDefault(TestTokens issuer) throws Exception {
        try (ServletService service = ServletService.start(environment(issuer, null))) {
            ServiceClient client = new ServiceClient(service.port());

            assertThat(client.call("GET", "/bare/projects/proj-a/assistants", null, null).statusCode())
                    .isEqualTo(401);
        }
    }

    @Test
    void aValueOtherThanTrueOrFalseStopsStartupNamingTheSetting(TestTokens issuer) {
        assertThatThrownBy(() -> ServletService.start(environment(issuer, "yes")))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith(ServletService.BARE_ENDPOINT);
    }

    private static Map<String, String> environment(TestTokens issuer, String bare) {
        Map<String, String> environment = new HashMap<>(Map.of("PORT", "0",
                AuthSettings.JWKS_TRUSTED_ISSUERS.name(), issuer.trustedIssuersJson()));
        if (bare != null) {
            environment.put(ServletService.BARE_ENDPOINT, bare);
        }
        return environment;
    }
}
