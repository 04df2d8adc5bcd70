package ai.codemie.auth.spring.metrics;

import ai.codemie.auth.error.AuthException;
import ai.codemie.auth.error.Problem;
import ai.codemie.auth.error.UnavailableException;
import ai.codemie.auth.observe.AuthCache;
import ai.codemie.auth.observe.AuthObserver;
import ai.codemie.auth.observe.StoreCall;
import ai.codemie.auth.policy.Decision;
import ai.codemie.auth.token.TokenRejection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * An {@link AuthObserver} that counts into a Micrometer {@link MeterRegistry}, every meter under
 * {@code codemie.auth.}:
 *
 * <ul>
 *   <li>{@value #DECISIONS} (counter): {@code outcome} {@code allow} or {@code deny}; {@code reason} the deny
 *       reason's code, {@code none} for an allow. Sign-in gate refusals count as denies.</li>
 *   <li>{@value #TOKEN_REJECTIONS} (counter): {@code reason} the rejection's code ({@code token_expired}...).</li>
 *   <li>{@value #CACHE_LOOKUPS} (counter): {@code cache} {@code verified_tokens} or {@code permissions};
 *       {@code result} {@code hit} or {@code miss}.</li>
 *   <li>{@value #KEY_FETCHES} (counter): {@code issuer} the configured issuer; {@code outcome} {@code success} or
 *       {@code failure}.</li>
 *   <li>{@value #STORE_CALLS} (timer): {@code call} {@code sign_in}; {@code outcome} {@code success},
 *       {@code refused} (the store answered and the caller was refused), {@code unavailable} (the store could not be
 *       reached: a 503) or {@code error}.</li>
 * </ul>
 *
 * Tags never carry a user, a token or a value taken from a request. Meters of fixed tags are registered at once, at
 * zero; those of deny reasons and issuers when first counted.
 */
public final class MicrometerAuthObserver implements AuthObserver {

    /** Requirement decisions. */
    public static final String DECISIONS = "codemie.auth.decisions";
    /** Refused tokens (401). */
    public static final String TOKEN_REJECTIONS = "codemie.auth.token.rejections";
    /** Lookups in the verified-token and permission caches. */
    public static final String CACHE_LOOKUPS = "codemie.auth.cache.lookups";
    /** Fetches of the trusted issuers' key endpoints. */
    public static final String KEY_FETCHES = "codemie.auth.keys.fetches";
    /** Calls to the user store. */
    public static final String STORE_CALLS = "codemie.auth.store.calls";

    private final MeterRegistry registry;
    private final Counter allowed;
    private final Map<String, Counter> denied = new ConcurrentHashMap<>();
    private final Map<TokenRejection, Counter> rejections = new EnumMap<>(TokenRejection.class);
    private final Map<AuthCache, Counter> hits = new EnumMap<>(AuthCache.class);
    private final Map<AuthCache, Counter> misses = new EnumMap<>(AuthCache.class);
    private final Map<String, Counter> fetched = new ConcurrentHashMap<>();
    private final Map<String, Counter> fetchFailed = new ConcurrentHashMap<>();
    private final Map<StoreCall, Map<StoreOutcome, Timer>> storeCalls = new EnumMap<>(StoreCall.class);

    /** What became of a store call. */
    private enum StoreOutcome {
        SUCCESS, REFUSED, UNAVAILABLE, ERROR;

        static StoreOutcome of(Throwable failure) {
            if (failure == null) {
                return SUCCESS;
            }
            // a store outage is an AuthException too (a 503): tell it apart first
            if (failure instanceof UnavailableException) {
                return UNAVAILABLE;
            }
            return failure instanceof AuthException ? REFUSED : ERROR;
        }

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Registers the meters of fixed tags in the registry. */
    public MicrometerAuthObserver(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.allowed = decisionCounter("allow", "none");
        for (TokenRejection rejection : TokenRejection.values()) {
            rejections.put(rejection, Counter.builder(TOKEN_REJECTIONS).description("Refused tokens (401)")
                    .tag("reason", rejection.code()).register(registry));
        }
        for (AuthCache cache : AuthCache.values()) {
            hits.put(cache, cacheCounter(cache, "hit"));
            misses.put(cache, cacheCounter(cache, "miss"));
        }
        for (StoreCall call : StoreCall.values()) {
            Map<StoreOutcome, Timer> timers = new EnumMap<>(StoreOutcome.class);
            for (StoreOutcome outcome : StoreOutcome.values()) {
                timers.put(outcome, Timer.builder(STORE_CALLS).description("Calls to the user store")
                        .tag("call", call.tag()).tag("outcome", outcome.tag()).register(registry));
            }
            storeCalls.put(call, timers);
        }
    }

    @Override
    public void decided(Decision decision) {
        if (decision.allowed()) {
            allowed.increment();
        } else {
            deny(decision.reason().code());
        }
    }

    @Override
    public void accessDenied(Problem problem) {
        deny(problem.reason());
    }

    @Override
    public void tokenRejected(TokenRejection rejection) {
        rejections.get(rejection).increment();
    }

    @Override
    public void cacheLookedUp(AuthCache cache, boolean hit) {
        (hit ? hits : misses).get(cache).increment();
    }

    @Override
    public void keysFetched(String issuer, boolean succeeded) {
        (succeeded ? fetched : fetchFailed).computeIfAbsent(issuer, name -> Counter.builder(KEY_FETCHES)
                .description("Fetches of a trusted issuer's key endpoint").tag("issuer", name)
                .tag("outcome", succeeded ? "success" : "failure").register(registry)).increment();
    }

    @Override
    public void storeCalled(StoreCall call, long nanos, Throwable failure) {
        storeCalls.get(call).get(StoreOutcome.of(failure)).record(nanos, TimeUnit.NANOSECONDS);
    }

    private void deny(String reason) {
        denied.computeIfAbsent(reason, code -> decisionCounter("deny", code)).increment();
    }

    private Counter decisionCounter(String outcome, String reason) {
        return Counter.builder(DECISIONS).description("Authorization decisions").tag("outcome", outcome)
                .tag("reason", reason).register(registry);
    }

    private Counter cacheCounter(AuthCache cache, String result) {
        return Counter.builder(CACHE_LOOKUPS).description("Lookups in the library's caches").tag("cache", cache.tag())
                .tag("result", result).register(registry);
    }
}
