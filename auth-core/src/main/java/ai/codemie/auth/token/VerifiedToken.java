package ai.codemie.auth.token;

import ai.codemie.auth.config.TrustedIssuer;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A token whose signature, issuer, audience, type and times have been checked: its claims can be trusted.
 * The token text itself is deliberately not kept.
 *
 * @param issuer    the trusted issuer that signed it
 * @param claims    the payload, as parsed JSON (nested objects are maps, arrays are lists); unmodifiable
 * @param expiresAt the {@code exp} claim
 */
public record VerifiedToken(TrustedIssuer issuer, Map<String, Object> claims, Instant expiresAt) {

    public VerifiedToken {
        Objects.requireNonNull(issuer, "issuer");
        // the verifier's claims come from the strict parser, immutable already; anything else is copied
        claims = claims instanceof StrictJson.JsonObject ? claims
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(claims));
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** The {@code sub} claim. */
    public String subject() {
        return (String) claims.get("sub");
    }
}
