package ai.codemie.auth.spring.health;

import ai.codemie.auth.observe.IssuerKeysStatus;
import ai.codemie.auth.token.JwtTokenVerifier;
import ai.codemie.auth.token.TokenVerifier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The trusted issuers' keys: DOWN when some issuer's tokens get the 503 "Token validation unavailable" (its key
 * endpoint does not answer and no key set of it is cached), UP otherwise, with each issuer's status as details;
 * UNKNOWN when the application's own verifier, which reports no keys, is in use. A check reads the keys as a
 * request does, so it fetches them only when a request would.
 */
public final class IssuerKeysHealthIndicator implements HealthIndicator {

    private final TokenVerifier verifier;

    /** The indicator of the verifier's keys. */
    public IssuerKeysHealthIndicator(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Health health() {
        if (!(verifier instanceof JwtTokenVerifier jwt)) {
            return Health.unknown().withDetail("reason", "the application's own TokenVerifier reports no keys")
                    .build();
        }
        List<IssuerKeysStatus> statuses = jwt.keysStatus();
        Map<String, Object> issuers = new LinkedHashMap<>();
        for (IssuerKeysStatus status : statuses) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("available", status.available());
            details.put("remote", status.remote());
            details.put("endpointAnswering", status.endpointAnswering());
            details.put("keys", status.keys());
            issuers.put(status.issuer(), details);
        }
        boolean available = statuses.stream().allMatch(IssuerKeysStatus::available);
        return (available ? Health.up() : Health.down()).withDetail("issuers", issuers).build();
    }
}
