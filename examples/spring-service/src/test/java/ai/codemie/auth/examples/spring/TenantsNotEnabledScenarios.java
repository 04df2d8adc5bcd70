package ai.codemie.auth.examples.spring;

import ai.codemie.auth.test.TestTokens;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.json.JsonCompareMode;

/**
 * Without tenants (switched off, or Keycloak-managed mode) every tenant path, resource endpoints included, answers
 * 400 "Tenants not enabled" to a signed-in caller, whatever they send, and 401 to anyone else. The subclasses are
 * the two ways to be without tenants.
 */
abstract class TenantsNotEnabledScenarios extends ServiceTest {

    @Autowired
    TestTokens tokens;

    static Stream<Arguments> paths() {
        return Stream.of(
                Arguments.of("GET", "/v1/tenants", null),
                Arguments.of("POST", "/v1/tenants", "{\"id\":\"acme\",\"boundary\":[\"*:*\"]}"),
                Arguments.of("GET", "/v1/tenants/acme", null),
                Arguments.of("PUT", "/v1/tenants/acme", "{\"name\":\"Acme\"}"),
                Arguments.of("GET", "/v1/tenants/acme/roles", null),
                Arguments.of("POST", "/v1/tenants/acme/roles", "{\"name\":\"r\",\"permissions\":[]}"),
                Arguments.of("PUT", "/v1/tenants/acme/roles/r", "{\"description\":\"d\"}"),
                Arguments.of("DELETE", "/v1/tenants/acme/roles/r", null),
                Arguments.of("GET", "/v1/tenants/acme/users", null),
                Arguments.of("POST", "/v1/tenants/acme/users", "{\"user_id\":\"u\",\"roles\":[]}"),
                Arguments.of("PUT", "/v1/tenants/acme/users/u/roles", "{\"roles\":[]}"),
                Arguments.of("DELETE", "/v1/tenants/acme/users/u", null),
                Arguments.of("POST", "/v1/tenants/acme/users/bulk-roles",
                        "{\"user_ids\":[],\"roles\":[],\"mode\":\"add\"}"),
                Arguments.of("POST", "/v1/tenants/acme/users/import", "not even csv"),
                Arguments.of("GET", "/v1/tenants/acme/invitations", null),
                Arguments.of("DELETE", "/v1/tenants/acme/invitations/a@example.com", null),
                Arguments.of("GET", "/v1/tenants/acme/access?permission=agent:chat", null),
                Arguments.of("GET", "/v1/agents/bot-1", null),
                Arguments.of("POST", "/v1/agents/bot-1/chat", "{}"),
                Arguments.of("POST", "/v1/processes/nightly/run", "{}"),
                // malformed values and bodies change nothing: the switch is the first answer
                Arguments.of("GET", "/v1/tenants/Not_An_Id/roles", null),
                Arguments.of("POST", "/v1/tenants", "[not json"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("paths")
    void answersTenantsNotEnabled(String method, String path, String body) {
        String token = tokens.forUser(UUID.randomUUID().toString()).email("someone@example.com").roles("admin")
                .sign();
        call(method, path, token, body).expectStatus().isBadRequest().expectBody().json("""
                {"error": {"message": "Tenants not enabled", "details": null, "help": null}}""",
                JsonCompareMode.STRICT);
        call(method, path, null, body).expectStatus().isUnauthorized();
    }
}
