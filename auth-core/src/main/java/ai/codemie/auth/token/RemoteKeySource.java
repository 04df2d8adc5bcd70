package ai.codemie.auth.token;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.TrustedIssuer;
import ai.codemie.auth.error.InvalidConfigurationException;
import ai.codemie.auth.error.UnavailableException;
import ai.codemie.auth.observe.AuthObserver;
import ai.codemie.auth.observe.IssuerKeysStatus;
import ai.codemie.auth.observe.ObserverSlot;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetSourceWithHealthStatusReporting;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.jwk.source.RateLimitedJWKSetSource;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jose.util.health.HealthReport;
import com.nimbusds.jose.util.health.HealthStatus;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An issuer's keys from its JWKS endpoint ({@code jwks_uri}, or the one its discovery document names).
 *
 * <p>nimbus' {@link JWKSourceBuilder} caches the key set ({@code JWKS_CACHE_TTL_SECONDS}), refreshes it ahead of
 * expiry and keeps serving it while the endpoint is down ({@code JWKS_OUTAGE_TOLERANCE_SECONDS}, plus up to one
 * TTL during which the cache holds on to the last set served). A token with an unknown {@code kid} triggers a
 * refetch through nimbus' {@link RateLimitedJWKSetSource} ({@code JWKS_REFETCH_WINDOW_SECONDS}: the fetch that
 * opens a window plus at most one more). The rate limiter sits on the unknown-kid path only, not under the cache
 * as the builder would put it: there, a stream of forged unknown kids keeps the limiter closed, the cache can no
 * longer refresh when its TTL ends, and every valid token fails.
 *
 * <p>When no key fits: 503 if the last fetch of the endpoint failed (the key may exist; the client should
 * retry), 401 {@link TokenRejection#UNKNOWN_KEY} if the endpoint answered.
 *
 * <p>Every request reads the given clock to decide whether the cached set has expired, whether the outage
 * tolerance still holds and whether the refetch window has reopened. Only nimbus' background refresh ahead of
 * expiry runs on its scheduler and stamps the set it fetched with the system clock, so with a clock that differs
 * from the system's (as a test's does) that set's expiry is off by the difference.
 */
final class RemoteKeySource implements KeySource {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteKeySource.class);

    /** Largest accepted JWKS or discovery document. */
    static final int MAX_DOCUMENT_BYTES = 512 * 1024;
    /** The UnavailableException reason and message. */
    static final String UNAVAILABLE_REASON = "token_validation_unavailable";
    static final String UNAVAILABLE_MESSAGE = "Token validation unavailable";

    private static final long MAX_REFRESH_AHEAD_MILLIS = 30_000;

    private final String issuer;
    private final JWKSetSource<SecurityContext> cached;
    private final JWKSetSource<SecurityContext> refetch;
    private final Duration retryAfter;
    private final Clock clock;
    private volatile boolean endpointFailing;
    private final ObserverSlot observer = new ObserverSlot();

    private RemoteKeySource(String issuer, JWKSetSource<SecurityContext> fetch, AuthSettings settings, Clock clock) {
        this.issuer = issuer;
        this.clock = clock;
        long timeout = settings.get(AuthSettings.JWKS_HTTP_TIMEOUT_SECONDS).toMillis();
        long ttl = settings.get(AuthSettings.JWKS_CACHE_TTL_SECONDS).toMillis();
        // nimbus needs refresh-ahead time + refresh timeout <= TTL
        long refreshAhead = Math.min(MAX_REFRESH_AHEAD_MILLIS, ttl - timeout);
        if (refreshAhead < 0) {
            throw new InvalidConfigurationException(AuthSettings.JWKS_CACHE_TTL_SECONDS.name(),
                    "must not be shorter than "
                    + AuthSettings.JWKS_HTTP_TIMEOUT_SECONDS.name() + " (" + ttl + " ms < " + timeout + " ms)");
        }
        JWKSourceBuilder<SecurityContext> builder = JWKSourceBuilder
                .create(new JWKSetSourceWithHealthStatusReporting<>(fetch, this::onFetch))
                .cache(ttl, timeout)
                .refreshAheadCache(refreshAhead, null, Executors.newSingleThreadExecutor(DAEMON_THREADS), true,
                        Executors.newSingleThreadScheduledExecutor(DAEMON_THREADS), true)
                .rateLimited(false);
        long outage = settings.get(AuthSettings.JWKS_OUTAGE_TOLERANCE_SECONDS).toMillis();
        builder = outage > 0 ? builder.outageTolerant(outage) : builder.outageTolerant(false);
        // without a failover the builder's source is a JWKSetBasedJWKSource; its read-refetch-read is redone in
        // select() so that only the refetch is rate limited
        this.cached = ((JWKSetBasedJWKSource<SecurityContext>) builder.build()).getJWKSetSource();
        this.refetch = new RateLimitedJWKSetSource<>(cached,
                settings.get(AuthSettings.JWKS_REFETCH_WINDOW_SECONDS).toMillis(), null);
        this.retryAfter = Duration.ofSeconds(Math.max(1,
                (settings.get(AuthSettings.JWKS_REFETCH_WINDOW_SECONDS).toMillis() + 999) / 1000));
    }

    /** The key source of a trusted issuer that has a {@code jwks_uri} or a {@code discovery_url}. */
    static RemoteKeySource create(TrustedIssuer issuer, AuthSettings settings, Clock clock) {
        int timeout = (int) Math.min(Integer.MAX_VALUE, settings.get(AuthSettings.JWKS_HTTP_TIMEOUT_SECONDS).toMillis());
        ResourceRetriever retriever = new DeadlineResourceRetriever(timeout, MAX_DOCUMENT_BYTES);
        JWKSetSource<SecurityContext> fetch = issuer.jwksUri() != null
                ? new URLBasedJWKSetSource<>(toUrl(issuer.jwksUri()), retriever)
                : new DiscoveryJWKSetSource<>(toUrl(issuer.discoveryUrl()), retriever);
        return new RemoteKeySource(issuer.issuer(), fetch, settings, clock);
    }

    @Override
    public List<JWK> select(JWKMatcher matcher) {
        JWKSelector selector = new JWKSelector(matcher);
        long now = clock.millis();
        try {
            JWKSet keys = cached.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), now, null);
            List<JWK> selected = selector.select(keys);
            if (selected.isEmpty()) {
                // the issuer may have rotated a new key in
                selected = selector.select(refetch.getJWKSet(
                        JWKSetCacheRefreshEvaluator.referenceComparison(keys), now, null));
            }
            if (!selected.isEmpty()) {
                return selected;
            }
        } catch (RateLimitReachedException e) {
            // this window's refetch is spent: the key stays unknown until the window reopens
        } catch (KeySourceException e) {
            throw unavailable(e);
        }
        if (endpointFailing) {
            throw unavailable(null);
        }
        throw new TokenRejectedException(TokenRejection.UNKNOWN_KEY);
    }

    @Override
    public IssuerKeysStatus status(String issuer) {
        try {
            // the read of a request (a fetch when nothing usable is cached), so that unavailable means a 503
            JWKSet keys = cached.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), System.currentTimeMillis(), null);
            return new IssuerKeysStatus(issuer, true, true, !endpointFailing, keys.size());
        } catch (KeySourceException e) {
            return new IssuerKeysStatus(issuer, true, false, !endpointFailing, 0);
        }
    }

    @Override
    public void observeWith(AuthObserver value) {
        observer.set(value);
    }

    @Override
    public void warmUp() {
        try {
            // through the rate limiter: the warm-up opens the first refetch window
            refetch.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), clock.millis(), null);
        } catch (KeySourceException e) {
            LOG.warn("The keys of issuer '{}' could not be fetched at startup ({}); its tokens get 503 until its "
                    + "key endpoint answers", issuer, e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            cached.close();
        } catch (IOException e) {
            LOG.debug("Closing the key source of issuer '{}' failed", issuer, e);
        }
    }

    private void onFetch(HealthReport<JWKSetSourceWithHealthStatusReporting<SecurityContext>, SecurityContext> report) {
        boolean failing = report.getHealthStatus() == HealthStatus.NOT_HEALTHY;
        observer.get().keysFetched(issuer, !failing);
        if (failing != endpointFailing) {
            endpointFailing = failing;
            if (failing) {
                Exception cause = report.getException();
                LOG.warn("The key endpoint of issuer '{}' is failing: {}", issuer,
                        cause == null ? "unknown error" : cause.getMessage());
            } else {
                LOG.info("The key endpoint of issuer '{}' answers again", issuer);
            }
        }
    }

    private UnavailableException unavailable(Exception cause) {
        return new UnavailableException(UNAVAILABLE_REASON, UNAVAILABLE_MESSAGE, retryAfter, cause);
    }

    static URL toUrl(URI uri) {
        try {
            return uri.toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new InvalidConfigurationException(AuthSettings.JWKS_TRUSTED_ISSUERS.name(), "'" + uri
                    + "' is not a URL");
        }
    }

    private static final ThreadFactory DAEMON_THREADS = runnable -> {
        Thread thread = new Thread(runnable, "codemie-auth-jwks-refresh");
        thread.setDaemon(true); // a key refresh must never keep the application alive
        return thread;
    };
}
