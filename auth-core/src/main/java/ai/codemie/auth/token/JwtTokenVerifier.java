package ai.codemie.auth.token;

import ai.codemie.auth.config.TrustedIssuer;
import ai.codemie.auth.observe.AuthCache;
import ai.codemie.auth.observe.AuthObserver;
import ai.codemie.auth.observe.IssuerKeysStatus;
import ai.codemie.auth.observe.Observed;
import ai.codemie.auth.observe.ObserverSlot;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library's {@link TokenVerifier}: signed JWTs (compact JWS) of the trusted issuers, checked strictly, with
 * the signature verified by nimbus-jose-jwt. Build it with {@link TokenVerifiers#create}; thread-safe; close it to
 * stop its background key refreshes.
 *
 * <p>In order: size ({@code CODEMIE_AUTH_MAX_TOKEN_BYTES}), the verified-token cache (by the exact token text, until
 * the token's expiry, at most {@code CODEMIE_AUTH_TOKEN_CACHE_SIZE} tokens and
 * {@code CODEMIE_AUTH_TOKEN_CACHE_MAX_BYTES} of estimated heap for the token texts and their claims), strict decoding
 * (base64url, UTF-8, JSON without duplicates, nesting at most {@value StrictJson#MAX_DEPTH} deep), the header (no
 * JWE, nested token, {@code crit}, {@code b64} or {@code zip}; {@code typ} JWT or at+jwt), the issuer
 * ({@code iss} exactly a trusted issuer, before any network call), the payload's {@code typ} (Bearer when present),
 * the issuer's algorithm allow-list, the signature with the issuer's own keys (exactly the algorithm's length), then
 * the claims ({@code sub}, {@code exp}, {@code nbf}, {@code iat} with the leeway, audience).
 */
public final class JwtTokenVerifier implements TokenVerifier, Observed, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JwtTokenVerifier.class);

    /** A cache entry beside its key and claims: Caffeine's node and hash-table slot, the verified token, its expiry. */
    private static final int CACHE_ENTRY = 256;

    private final Map<String, Issuer> issuers;
    private final Clock clock;
    private final Duration leeway;
    private final int maxTokenLength;
    private final Cache<String, VerifiedToken> verified;
    private final LocalTokenIssuer localTokenIssuer;
    private final AudienceCheck audience = new AudienceCheck();
    private final ObserverSlot observer = new ObserverSlot();

    /** One trusted issuer, ready to check tokens. */
    record Issuer(TrustedIssuer config, IssuerKeys keys) {
    }

    JwtTokenVerifier(Map<String, Issuer> issuers, Clock clock, Duration leeway, int maxTokenLength, int cacheSize,
                     long cacheMaxBytes, LocalTokenIssuer localTokenIssuer) {
        this.issuers = Map.copyOf(issuers);
        this.clock = clock;
        this.leeway = leeway;
        this.maxTokenLength = maxTokenLength;
        this.verified = cacheSize == 0 ? null : RetainedBytes.boundedCache(cacheSize, cacheMaxBytes,
                        JwtTokenVerifier::retainedBytes)
                .expireAfter(new UntilTokenExpiry())
                .ticker(ClockTicker.of(clock))
                .build();
        this.localTokenIssuer = localTokenIssuer;
    }

    /**
     * The verified claims of the token.
     *
     * @throws TokenRejectedException                       when the token is refused (401)
     * @throws ai.codemie.auth.error.UnavailableException when the issuer's keys cannot be had (503)
     */
    @Override
    public VerifiedToken verify(String token) {
        if (token == null || token.isEmpty()) {
            throw new TokenRejectedException(TokenRejection.MALFORMED);
        }
        // a token is ASCII, so its length in chars bounds its length in bytes; longer non-ASCII text is malformed
        if (token.length() > maxTokenLength) {
            throw new TokenRejectedException(TokenRejection.TOO_LARGE);
        }
        if (verified == null) {
            return verifyUncached(token);
        }
        VerifiedToken hit = verified.getIfPresent(token);
        boolean usable = hit != null && clock.instant().isBefore(hit.expiresAt());
        observer.get().cacheLookedUp(AuthCache.VERIFIED_TOKENS, usable);
        if (usable) {
            return hit;
        }
        VerifiedToken result = verifyUncached(token);
        verified.put(token, result);
        return result;
    }

    private VerifiedToken verifyUncached(String token) {
        try {
            CompactJws jws = CompactJws.split(token);
            Map<String, Object> header = jws.header();
            String algorithm = TokenRules.checkHeader(header);
            Map<String, Object> claims = jws.payload();
            Issuer issuer = issuers.get(TokenRules.issuer(claims));
            if (issuer == null) {
                throw new TokenRejectedException(TokenRejection.UNKNOWN_ISSUER);
            }
            TokenRules.checkPayloadType(claims);
            if (!issuer.config().algorithms().contains(algorithm)) {
                throw new TokenRejectedException(TokenRejection.UNSUPPORTED_ALGORITHM);
            }
            // only alg and kid are carried over: jku, x5u, jwk and x5c must never choose a key
            issuer.keys().verify(algorithm, (String) header.get("kid"), jws.signingInput(), jws.signature());
            Instant expiry = TokenRules.checkClaims(claims, clock.instant(), leeway);
            audience.check(issuer.config(), claims.get("aud"));
            return new VerifiedToken(issuer.config(), claims, expiry);
        } catch (TokenRejectedException e) {
            LOG.debug("Token refused: {} {}", e.rejection().code(), e.problem().details());
            throw e;
        }
    }

    /**
     * The issuer of local tokens ({@code iss=codemie-local}) whose tokens this verifier accepts, when
     * {@code IDP_PROVIDER=local} and a private key is configured (or generated by the development switch).
     */
    public Optional<LocalTokenIssuer> localTokenIssuer() {
        return Optional.ofNullable(localTokenIssuer);
    }

    /**
     * Whether each trusted issuer's tokens can be checked now, in the order of the settings: the keys a token of
     * the issuer would be checked with are read as a request reads them, so an issuer whose key endpoint is down
     * and whose cached keys are gone (or were never fetched) is reported unavailable, after one fetch attempt.
     */
    public List<IssuerKeysStatus> keysStatus() {
        return issuers.values().stream().map(issuer -> issuer.keys().status()).toList();
    }

    /** Reports verified-token cache lookups, and each issuer's key fetches, to the observer. */
    @Override
    public void observeWith(AuthObserver value) {
        observer.set(value);
        issuers.values().forEach(issuer -> issuer.keys().observeWith(value));
    }

    /** The estimated heap a cached verification keeps alive: the token text, its claims and the cache entry. */
    static long retainedBytes(String token, VerifiedToken verified) {
        return CACHE_ENTRY + RetainedBytes.of(token) + RetainedBytes.of(verified.claims());
    }

    /** Stops the background key refreshes. */
    @Override
    public void close() {
        issuers.values().forEach(issuer -> issuer.keys().close());
    }

    void warmUp() {
        issuers.values().forEach(issuer -> issuer.keys().warmUp());
    }

    /** A cached token lives until its {@code exp}, never longer. */
    private static final class UntilTokenExpiry implements Expiry<String, VerifiedToken> {

        @Override
        public long expireAfterCreate(String token, VerifiedToken value, long currentTime) {
            // the ticker reads the verifier's clock, in nanoseconds
            return Math.max(0, ClockTicker.nanos(value.expiresAt()) - currentTime);
        }

        @Override
        public long expireAfterUpdate(String token, VerifiedToken value, long currentTime, long currentDuration) {
            return expireAfterCreate(token, value, currentTime);
        }

        @Override
        public long expireAfterRead(String token, VerifiedToken value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
