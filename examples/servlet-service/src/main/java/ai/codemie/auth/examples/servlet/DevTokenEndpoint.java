package ai.codemie.auth.examples.servlet;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.token.LocalTokenIssuer;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code POST /dev/token}: a development facility that signs a demo token for any identity and claims with the
 * per-process local key. It exists only with {@code IDP_PROVIDER=local} and
 * {@code CODEMIE_AUTH_DEV_GENERATE_LOCAL_KEY=true}; anyone who reaches it can become anyone, admins included.
 *
 * <p>Body: {@code {"sub": "alice", "email"?, "name"?, "preferred_username"?, "user_type"?, "roles"?: [...],
 * "applications"?: [...], "applications_admin"?: [...], "knowledge_bases"?: [...]}}; the user name defaults to
 * {@code sub}. Answer, 200: {@code {"access_token": "...", "token_type": "Bearer", "expires_in": <seconds>}}.
 */
final class DevTokenEndpoint {

    static final String PATH = "/dev/token";

    private static final Set<String> TEXT_CLAIMS = Set.of("name", "preferred_username", "user_type");
    private static final Set<String> LIST_CLAIMS = Set.of("roles", "applications", "applications_admin",
            "knowledge_bases");
    private static final String KNOWN_MEMBERS = Stream.of(Set.of("sub", "email"), TEXT_CLAIMS, LIST_CLAIMS)
            .flatMap(Set::stream).sorted().collect(Collectors.joining(", "));

    private DevTokenEndpoint() {
    }

    static Endpoint create(LocalTokenIssuer issuer, AuthSettings settings) {
        return Endpoint.open("POST", PATH, exchange -> issue(exchange, issuer, settings));
    }

    private static void issue(Exchange exchange, LocalTokenIssuer issuer, AuthSettings settings) throws IOException {
        Map<String, Object> body = exchange.jsonBody();
        String subject = Exchange.requiredString(body, "sub");
        String email = null;
        Map<String, Object> claims = new LinkedHashMap<>();
        for (Map.Entry<String, Object> member : body.entrySet()) {
            String name = member.getKey();
            if (name.equals("sub")) {
                continue;
            }
            if (name.equals("email")) {
                email = Exchange.requiredString(body, name);
            } else if (TEXT_CLAIMS.contains(name)) {
                claims.put(name, Exchange.requiredString(body, name));
            } else if (LIST_CLAIMS.contains(name)) {
                List<String> values = stringList(name, member.getValue());
                // Keycloak carries roles in realm_access; the claims mapper reads them there
                claims.put(name.equals("roles") ? "realm_access" : name,
                        name.equals("roles") ? Map.of("roles", values) : values);
            } else {
                throw new Exchange.BadRequest("Unknown member '" + name + "'; known members: " + KNOWN_MEMBERS + ".");
            }
        }
        claims.putIfAbsent("preferred_username", subject);
        String token = issuer.issue(subject, email, claims);
        exchange.json(200, Map.of("access_token", token, "token_type", "Bearer",
                "expires_in", settings.get(AuthSettings.LOCAL_TOKEN_TTL_SECONDS).toSeconds()));
    }

    private static List<String> stringList(String name, Object value) {
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw new Exchange.BadRequest("'" + name + "' must be a list of strings.");
    }
}
