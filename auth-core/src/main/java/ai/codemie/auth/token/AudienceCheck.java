package ai.codemie.auth.token;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.TrustedIssuer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audience rule of one verifier: a token of an issuer configured with an {@code audience} must name it in
 * {@code aud}. The client is told which audience is expected; the operator is told once per issuer, at WARN, which
 * audience the refused tokens carried — a misconfigured audience refuses every token of the issuer, and the log
 * should say so in the first minute without being flooded by every later refusal. Thread-safe.
 */
final class AudienceCheck {

    private static final Logger LOG = LoggerFactory.getLogger(JwtTokenVerifier.class);
    /** At most this many audience values, each at most this long, are quoted in the log. */
    private static final int MAX_LOGGED_VALUES = 10;
    private static final int MAX_LOGGED_LENGTH = 100;

    private final Set<String> warnedIssuers = ConcurrentHashMap.newKeySet();

    /** Refuses the token (401 {@code token_wrong_audience}) unless its {@code aud} contains the issuer's audience. */
    void check(TrustedIssuer issuer, Object aud) {
        String expected = issuer.audience();
        if (expected == null || contains(aud, expected)) {
            return;
        }
        if (warnedIssuers.add(issuer.issuer())) {
            LOG.warn("Tokens of issuer '{}' are refused (401 \"Invalid token audience\"): their audience (aud) is {}, "
                    + "but this issuer is trusted only for audience '{}'. If these tokens are meant for this service, "
                    + "make the identity provider put '{}' into their audience (Keycloak: an Audience mapper on the "
                    + "client), or remove \"audience\" from this issuer in {}. Logged once per issuer; later refusals "
                    + "are logged at DEBUG.", issuer.issuer(), describe(aud), expected, expected,
                    AuthSettings.JWKS_TRUSTED_ISSUERS.name());
        }
        throw new TokenRejectedException(TokenRejection.WRONG_AUDIENCE, TokenRejection.WRONG_AUDIENCE.message(),
                "This service accepts only tokens whose audience (aud) includes '" + expected + "'.");
    }

    private static boolean contains(Object aud, String audience) {
        if (aud instanceof String single) {
            return single.equals(audience);
        }
        return aud instanceof List<?> list && list.contains(audience);
    }

    /** The {@code aud} claim for the log: quoted, shortened, without control characters. */
    private static String describe(Object aud) {
        if (aud == null) {
            return "missing";
        }
        if (aud instanceof List<?> list) {
            String values = list.stream().limit(MAX_LOGGED_VALUES).map(AudienceCheck::quote)
                    .collect(Collectors.joining(", ", "[", list.size() > MAX_LOGGED_VALUES ? ", ...]" : "]"));
            return list.isEmpty() ? "an empty list" : values;
        }
        return quote(aud);
    }

    private static String quote(Object value) {
        if (!(value instanceof String text)) {
            return "a value that is not a string";
        }
        String clean = text.codePoints().filter(c -> !Character.isISOControl(c)).limit(MAX_LOGGED_LENGTH)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return "'" + clean + (text.length() > MAX_LOGGED_LENGTH ? "...'" : "'");
    }
}
