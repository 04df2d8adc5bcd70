package ai.codemie.auth.token;

/**
 * Why a token was refused. Each rejection has a stable machine-readable {@link #code()} (the {@code reason} of the
 * 401 problem) and a message for the client that says what was wrong without ever quoting the token.
 */
public enum TokenRejection {
    /** Not a well-formed compact JWS: bad base64url, bad UTF-8, non-strict or duplicate-laden JSON, too deep. */
    MALFORMED("token_malformed", "Malformed token"),
    /** Longer than {@code CODEMIE_AUTH_MAX_TOKEN_BYTES}; refused before parsing. */
    TOO_LARGE("token_too_large", "Token too large"),
    /** An encrypted (JWE) or nested token: only signed tokens are accepted. */
    UNSUPPORTED_FORMAT("token_unsupported_format", "Encrypted or nested tokens are not accepted"),
    /** A header this library refuses to honour: {@code crit}, {@code b64}, {@code zip}. */
    UNSUPPORTED_HEADER("token_unsupported_header", "Unsupported token header"),
    /** {@code alg} is not in the issuer's allow-list ({@code none} and HMAC never are without a shared secret). */
    UNSUPPORTED_ALGORITHM("token_unsupported_algorithm", "Unsupported token algorithm"),
    /** {@code iss} is not exactly one of the trusted issuers. */
    UNKNOWN_ISSUER("token_unknown_issuer", "Invalid token issuer"),
    /** No key of the issuer matches the token's {@code kid}, even after refetching the issuer's keys. */
    UNKNOWN_KEY("token_unknown_key", "Unknown token signing key"),
    /** The matching key is too weak to be trusted (an RSA key shorter than 2048 bits). */
    WEAK_KEY("token_weak_key", "Token signing key too weak"),
    /** The signature does not verify with the issuer's key. */
    BAD_SIGNATURE("token_bad_signature", "Invalid token signature"),
    /** {@code exp} is past, beyond the allowed clock skew. */
    EXPIRED("token_expired", "Token expired"),
    /** {@code nbf} is in the future, beyond the allowed clock skew. */
    NOT_YET_VALID("token_not_yet_valid", "Token not yet valid"),
    /** {@code iat} is in the future, beyond the allowed clock skew. */
    ISSUED_IN_FUTURE("token_issued_in_future", "Token issued in the future"),
    /** {@code aud} does not contain the audience configured for the issuer. */
    WRONG_AUDIENCE("token_wrong_audience", "Invalid token audience"),
    /** A required claim ({@code iss}, {@code sub}, {@code exp}) is absent or null. */
    MISSING_CLAIM("token_missing_claim", "Token lacks a required claim"),
    /** A claim has the wrong JSON type or an empty value (a numeric {@code sub}, a string {@code exp}...). */
    INVALID_CLAIM("token_invalid_claim", "Token has an invalid claim"),
    /** Not an access token: a Keycloak ID or refresh token, or a header {@code typ} other than JWT/at+jwt. */
    WRONG_TOKEN_TYPE("token_wrong_type", "Not an access token");

    private final String code;
    private final String message;

    TokenRejection(String code, String message) {
        this.code = code;
        this.message = message;
    }

    /** The stable snake_case reason code. */
    public String code() {
        return code;
    }

    /** The client-facing message. */
    public String message() {
        return message;
    }
}
