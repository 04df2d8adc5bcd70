package ai.codemie.auth.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The checks on a token's header and claims that nimbus does not make, or makes more leniently. */
final class TokenRules {

    /** Epoch seconds beyond which a time claim is refused rather than overflowing milliseconds. */
    private static final long MAX_EPOCH_SECONDS = Long.MAX_VALUE / 1000;

    private TokenRules() {
    }

    /**
     * Checks what the header says about the kind of token, before the payload is even decoded.
     *
     * @return the header's {@code alg}
     */
    static String checkHeader(Map<String, Object> header) {
        if (header.containsKey("enc")) {
            throw new TokenRejectedException(TokenRejection.UNSUPPORTED_FORMAT); // a JWE header
        }
        if (!(header.get("alg") instanceof String algorithm)) {
            throw new TokenRejectedException(TokenRejection.MALFORMED);
        }
        // no critical extension is understood; b64=false and compression have no place in an access token
        if (header.containsKey("crit") || header.containsKey("b64") || header.containsKey("zip")) {
            throw new TokenRejectedException(TokenRejection.UNSUPPORTED_HEADER);
        }
        if (header.containsKey("cty")) {
            throw new TokenRejectedException(TokenRejection.UNSUPPORTED_FORMAT); // a nested token
        }
        if (header.containsKey("typ") && !isAccessTokenType(header.get("typ"))) {
            throw new TokenRejectedException(TokenRejection.WRONG_TOKEN_TYPE);
        }
        Object keyId = header.get("kid");
        if (keyId != null && !(keyId instanceof String)) {
            throw new TokenRejectedException(TokenRejection.MALFORMED);
        }
        return algorithm;
    }

    /** {@code JWT} or {@code at+jwt} (RFC 9068), case-insensitive, with or without {@code application/}. */
    private static boolean isAccessTokenType(Object typ) {
        if (!(typ instanceof String text)) {
            return false;
        }
        String type = text.regionMatches(true, 0, "application/", 0, 12) ? text.substring(12) : text;
        return type.equalsIgnoreCase("JWT") || type.equalsIgnoreCase("at+jwt");
    }

    /** The {@code iss} claim: required, a string. */
    static String issuer(Map<String, Object> claims) {
        Object issuer = claims.get("iss");
        if (issuer == null) {
            throw TokenRejectedException.claim(TokenRejection.MISSING_CLAIM, "iss", "is missing");
        }
        if (!(issuer instanceof String text)) {
            throw TokenRejectedException.claim(TokenRejection.INVALID_CLAIM, "iss", "must be a string");
        }
        return text;
    }

    /**
     * Checks the payload's {@code typ} before anything else of the payload: Keycloak marks its access tokens
     * {@code Bearer}, and its ID, refresh and offline tokens otherwise. A refresh token is HMAC-signed, so without
     * this check first it would be refused for its algorithm, which says nothing useful to the client.
     */
    static void checkPayloadType(Map<String, Object> claims) {
        if (!claims.containsKey("typ") || "Bearer".equals(claims.get("typ"))) {
            return;
        }
        Object type = claims.get("typ");
        String details = switch (type instanceof String text ? text : "") {
            case "Refresh", "Offline" -> "This is a refresh token; send the access token (access_token of the "
                    + "token response) instead.";
            case "ID" -> "This is an ID token; send the access token (access_token of the token response) instead.";
            default -> "Only access tokens are accepted.";
        };
        throw new TokenRejectedException(TokenRejection.WRONG_TOKEN_TYPE, TokenRejection.WRONG_TOKEN_TYPE.message(),
                details);
    }

    /**
     * Checks the claims of a token whose signature verified: the required claims and its times (with the leeway).
     *
     * @return the expiry
     */
    static Instant checkClaims(Map<String, Object> claims, Instant now, Duration leeway) {
        Object subject = claims.get("sub");
        if (subject == null) {
            throw TokenRejectedException.claim(TokenRejection.MISSING_CLAIM, "sub", "is missing");
        }
        if (!(subject instanceof String text) || text.isEmpty()) {
            throw TokenRejectedException.claim(TokenRejection.INVALID_CLAIM, "sub", "must be a non-empty string");
        }
        long expiry = epochMillis(claims, "exp");
        if (expiry == Long.MIN_VALUE) {
            throw TokenRejectedException.claim(TokenRejection.MISSING_CLAIM, "exp", "is missing");
        }
        long notBefore = epochMillis(claims, "nbf");
        long issuedAt = epochMillis(claims, "iat");
        long nowMillis = now.toEpochMilli();
        long leewayMillis = leeway.toMillis();
        if (nowMillis - leewayMillis >= expiry) {
            throw new TokenRejectedException(TokenRejection.EXPIRED);
        }
        if (notBefore != Long.MIN_VALUE && notBefore - leewayMillis > nowMillis) {
            throw new TokenRejectedException(TokenRejection.NOT_YET_VALID);
        }
        if (issuedAt != Long.MIN_VALUE && issuedAt - leewayMillis > nowMillis) {
            throw new TokenRejectedException(TokenRejection.ISSUED_IN_FUTURE);
        }
        return Instant.ofEpochMilli(expiry);
    }

    /** A NumericDate claim in epoch milliseconds, or {@link Long#MIN_VALUE} when absent or null. */
    private static long epochMillis(Map<String, Object> claims, String name) {
        Object value = claims.get(name);
        if (value == null) {
            return Long.MIN_VALUE;
        }
        if (!(value instanceof Number number)) {
            throw TokenRejectedException.claim(TokenRejection.INVALID_CLAIM, name, "must be a number");
        }
        double seconds = number.doubleValue();
        if (Math.abs(seconds) > MAX_EPOCH_SECONDS) {
            throw TokenRejectedException.claim(TokenRejection.INVALID_CLAIM, name, "is out of range");
        }
        return value instanceof Long whole ? whole * 1000 : (long) Math.floor(seconds * 1000);
    }
}
