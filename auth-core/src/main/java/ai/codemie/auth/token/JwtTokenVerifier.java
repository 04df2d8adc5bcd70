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

    /**
     * A cache entry beside its token text and claims: Caffeine's node and hash-table slot, the key holding the text,
     * the verified token, its expiry.
     */
    private static final int CACHE_ENTRY = 280;

    private final Map<String, Issuer> issuers;
    private final Clock clock;
    private final Duration leeway;
    private final int maxTokenLength;
    private final Cache<TokenKey, VerifiedToken> verified;
    private final LocalTokenIssuer localTokenIssuer;
    private final AudienceCheck audience = new AudienceCheck();
    private final ObserverSlot observer = new ObserverSlot();
    /**
     * The last header that passed its checks, still encoded, with what was read from it: the tokens of one issuer
     * share their header (the same {@code alg}, {@code typ} and {@code kid}), so the next token usually skips its
     * decoding. One entry, replaced by any other header that passes.
     */
    private volatile CheckedHeader lastHeader;

    /** One trusted issuer, ready to check tokens. */
    record Issuer(TrustedIssuer config, IssuerKeys keys) {
    }

    /** A header that passed {@link TokenRules#checkHeader}: its encoded text, its members and its algorithm. */
    private record CheckedHeader(String encoded, Map<String, Object> members, String algorithm) {
    }

    JwtTokenVerifier(Map<String, Issuer> issuers, Clock clock, Duration leeway, int maxTokenLength, int cacheSize,
                     long cacheMaxBytes, LocalTokenIssuer localTokenIssuer) {
        this.issuers = Map.copyOf(issuers);
        this.clock = clock;
        this.leeway = leeway;
        this.maxTokenLength = maxTokenLength;
        this.verified = cacheSize == 0 ? null : RetainedBytes.boundedCache(cacheSize, cacheMaxBytes,
                        (TokenKey key, VerifiedToken value) -> retainedBytes(key.token, value))
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
        TokenKey key = new TokenKey(token);
        VerifiedToken hit = verified.getIfPresent(key);
        boolean usable = hit != null && clock.instant().isBefore(hit.expiresAt());
        observer.get().cacheLookedUp(AuthCache.VERIFIED_TOKENS, usable);
        if (usable) {
            return hit;
        }
        VerifiedToken result = verifyUncached(token);
        verified.put(key, result);
        return result;
    }

    private VerifiedToken verifyUncached(String token) {
        try {
            CompactJws jws = CompactJws.split(token);
            CheckedHeader header = checkedHeader(jws);
            String algorithm = header.algorithm();
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
            issuer.keys().verify(algorithm, (String) header.members().get("kid"), jws.signingInput(),
                    jws.signature());
            Instant expiry = TokenRules.checkClaims(claims, clock.instant(), leeway);
            audience.check(issuer.config(), claims.get("aud"));
            return new VerifiedToken(issuer.config(), claims, expiry);
        } catch (TokenRejectedException e) {
            LOG.debug("Token refused: {} {}", e.rejection().code(), e.problem().details());
            throw e;
        }
    }

    /** The token's header, checked: the last one when the token's is the same text, otherwise decoded and checked. */
    private CheckedHeader checkedHeader(CompactJws jws) {
        CheckedHeader last = lastHeader;
        if (last != null && jws.headerIs(last.encoded())) {
            return last;
        }
        Map<String, Object> members = jws.header();
        CheckedHeader checked = new CheckedHeader(jws.encodedHeader(), members, TokenRules.checkHeader(members));
        lastHeader = checked;
        return checked;
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
    private static final class UntilTokenExpiry implements Expiry<TokenKey, VerifiedToken> {

        @Override
        public long expireAfterCreate(TokenKey token, VerifiedToken value, long currentTime) {
            // the ticker reads the verifier's clock, in nanoseconds
            return Math.max(0, ClockTicker.nanos(value.expiresAt()) - currentTime);
        }

        @Override
        public long expireAfterUpdate(TokenKey token, VerifiedToken value, long currentTime, long currentDuration) {
            return expireAfterCreate(token, value, currentTime);
        }

        @Override
        public long expireAfterRead(TokenKey token, VerifiedToken value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }

    /**
     * The verified-token cache's key: the exact token text, hashed by its last {@value #HASHED} characters only. A
     * request's token is a new string each time, and {@link String#hashCode()} would read all of its kilobyte or
     * more; the end of a signed token is its signature, as good a hash as any, and only verified tokens are stored,
     * so nobody chooses the hashes of the keys a lookup is compared with. Equal when the texts are.
     */
    static final class TokenKey {

        static final int HASHED = 16;

        private final String token;
        private final int hash;

        TokenKey(String token) {
            this.token = token;
            int h = 0;
            for (int i = Math.max(0, token.length() - HASHED); i < token.length(); i++) {
                h = 31 * h + token.charAt(i);
            }
            this.hash = h;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TokenKey other && hash == other.hash && token.equals(other.token);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        /** Never the token itself. */
        @Override
        public String toString() {
            return "TokenKey[" + token.length() + " characters]";
        }
    }
}
