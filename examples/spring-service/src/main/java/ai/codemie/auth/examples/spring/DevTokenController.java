package ai.codemie.auth.examples.spring;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.spring.CodemieAuthProperties;
import ai.codemie.auth.spring.annotation.PublicEndpoint;
import ai.codemie.auth.token.JwtTokenVerifier;
import ai.codemie.auth.token.LocalTokenIssuer;
import ai.codemie.auth.token.TokenVerifier;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
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

    private final LocalTokenIssuer issuer;
    private final long lifetimeSeconds;

    DevTokenController(TokenVerifier verifier, AuthSettings settings) {
        if (!(verifier instanceof JwtTokenVerifier jwt) || jwt.localTokenIssuer().isEmpty()) {
            throw new IllegalStateException("the development token endpoint needs the local issuer's verifier");
        }
        this.issuer = jwt.localTokenIssuer().get();
        this.lifetimeSeconds = settings.localTokenTtl().toSeconds();
        LOG.warn("DEVELOPMENT FACILITY: POST /dev/token signs a token for any claims with this process's "
                + "generated key ({}=true). Anyone who can reach this port can be anyone. Never use it outside "
                + "a developer machine; configure a real identity provider instead.",
                AuthSettings.DEV_GENERATE_LOCAL_KEY);
    }

    /** Body: {@code {"sub": "...", "email"?: "...", "roles"?: [...], "applications"?: [...], ...}}. */
    @PostMapping("/dev/token")
    @PublicEndpoint
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> token(@RequestBody Map<String, Object> body) {
        String subject = BadRequest.requireText(body, "sub");
        Object email = body.get("email");
        if (email != null && !(email instanceof String)) {
            throw new BadRequest("'email' must be a string.");
        }
        Map<String, Object> claims = new LinkedHashMap<>(body);
        claims.remove("sub");
        claims.remove("email");
        String token;
        try {
            token = issuer.issue(subject, (String) email, claims);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", token);
        answer.put("token_type", "Bearer");
        answer.put("expires_in", lifetimeSeconds);
        return answer;
    }

    /** Whether the settings are the embedded default: a local issuer with a generated key. */
    static final class DevelopmentKey implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            CodemieAuthProperties properties = Binder.get(context.getEnvironment())
                    .bindOrCreate("codemie.auth", CodemieAuthProperties.class);
            return properties.toSettings(context.getEnvironment()::getProperty).generatesDevelopmentKey();
        }
    }
}
