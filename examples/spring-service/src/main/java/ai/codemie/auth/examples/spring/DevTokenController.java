package ai.codemie.auth.examples.spring;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.spring.SettingProperties;
import ai.codemie.auth.spring.annotation.PublicEndpoint;
import ai.codemie.auth.token.JwtTokenVerifier;
import ai.codemie.auth.token.LocalTokenIssuer;
import ai.codemie.auth.token.TokenVerifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Development only: {@code POST /dev/token} signs demo tokens with the per-process local key. It exists only in the
 * embedded default, {@code IDP_PROVIDER=local} with {@code CODEMIE_AUTH_DEV_GENERATE_LOCAL_KEY=true} (which the
 * library's settings refuse beside any configured local key), and says so in the log; every other configuration
 * has no such endpoint.
 */
@RestController
@Conditional(DevTokenController.DevelopmentKey.class)
class DevTokenController {

    private static final Logger LOG = LoggerFactory.getLogger(DevTokenController.class);
    private static final Set<String> TEXT_CLAIMS = Set.of("name", "preferred_username", "user_type");
    private static final Set<String> LIST_CLAIMS = Set.of("roles", "applications", "applications_admin",
            "knowledge_bases");
    private static final String KNOWN_MEMBERS = Stream.of(Set.of("sub", "email"), TEXT_CLAIMS, LIST_CLAIMS)
            .flatMap(Set::stream).sorted().collect(Collectors.joining(", "));

    private final LocalTokenIssuer issuer;
    private final long lifetimeSeconds;

    DevTokenController(TokenVerifier verifier, AuthSettings settings) {
        if (!(verifier instanceof JwtTokenVerifier jwt) || jwt.localTokenIssuer().isEmpty()) {
            throw new IllegalStateException("the development token endpoint needs the local issuer's verifier");
        }
        this.issuer = jwt.localTokenIssuer().get();
        this.lifetimeSeconds = settings.get(AuthSettings.LOCAL_TOKEN_TTL_SECONDS).toSeconds();
        LOG.warn("DEVELOPMENT FACILITY: POST /dev/token signs a token for any claims with this process's "
                + "generated key ({}=true). Anyone who can reach this port can be anyone. Never use it outside "
                + "a developer machine; configure a real identity provider instead.",
                AuthSettings.DEV_GENERATE_LOCAL_KEY.name());
    }

    /**
     * Body: {@code {"sub": "alice", "email"?, "name"?, "preferred_username"?, "user_type"?, "roles"?: [...],
     * "applications"?: [...], "applications_admin"?: [...], "knowledge_bases"?: [...]}}; the user name defaults to
     * {@code sub}. Answer, 200: {@code {"access_token": "...", "token_type": "Bearer", "expires_in": <seconds>}}.
     */
    @PostMapping("/dev/token")
    @PublicEndpoint
    Map<String, Object> token(@RequestBody Map<String, Object> body) {
        String subject = BadRequest.requireText(body, "sub");
        String email = null;
        Map<String, Object> claims = new LinkedHashMap<>();
        for (Map.Entry<String, Object> member : body.entrySet()) {
            String name = member.getKey();
            if (name.equals("email")) {
                email = BadRequest.requireText(body, name);
            } else if (TEXT_CLAIMS.contains(name)) {
                claims.put(name, BadRequest.requireText(body, name));
            } else if (name.equals("roles")) {
                // Keycloak carries realm roles in realm_access, where the claims mapper reads them
                claims.put("realm_access", Map.of("roles", stringList(name, member.getValue())));
            } else if (LIST_CLAIMS.contains(name)) {
                claims.put(name, stringList(name, member.getValue()));
            } else if (!name.equals("sub")) {
                throw new BadRequest("Unknown member '" + name + "'; known members: " + KNOWN_MEMBERS + ".");
            }
        }
        claims.putIfAbsent("preferred_username", subject);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", issuer.issue(subject, email, claims));
        answer.put("token_type", "Bearer");
        answer.put("expires_in", lifetimeSeconds);
        return answer;
    }

    private static List<String> stringList(String name, Object value) {
        if (value instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw new BadRequest("'" + name + "' must be a list of strings.");
    }

    /** Whether the settings are the embedded default: a local issuer with a generated key. */
    static final class DevelopmentKey implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return SettingProperties.settings(context.getEnvironment()).generatesDevelopmentKey();
        }
    }
}
