package ai.codemie.auth.spring.metrics;

import ai.codemie.auth.config.AuthSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.CodemieAuth;
import ai.codemie.auth.error.AccessDeniedException;
import ai.codemie.auth.error.UnavailableException;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.policy.Requirements;
import ai.codemie.auth.store.InMemoryUserStore;
import ai.codemie.auth.test.TestTokens;
import ai.codemie.auth.token.TokenRejectedException;
import ai.codemie.auth.token.TokenRejection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The meters a real {@link CodemieAuth} counts into a registry through {@link MicrometerAuthObserver}. */
class MicrometerAuthObserverTest {

    @AutoClose
    final TestTokens tokens = TestTokens.start();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void countsAllowsAndDeniesByReasonRejectionsByKindAndVerifiedTokenCacheLookups() {
        try (CodemieAuth auth = CodemieAuth.builder(tokens.settings())
                .observer(new MicrometerAuthObserver(registry)).build()) {
            String token = tokens.forUser("alice").roles("developer").applications("proj-a").sign();

            EffectivePermissions alice = auth.authenticate(token);
            auth.authenticate(token);
            auth.authorize(alice, Requirements.projectAccess("proj-a"));
            auth.authorize(alice, Requirements.projectAccess("proj-b"));
            auth.authorize(alice, Requirements.maintainer());
            assertThatThrownBy(() -> auth.authenticate(tokens.forUser("alice").roles("developer").expired().sign()))
                    .isInstanceOf(TokenRejectedException.class);
            assertThatThrownBy(() -> auth.authenticate(tokens.forUser("bob").sign()))
                    .isInstanceOf(AccessDeniedException.class);
        }

        assertThat(count(MicrometerAuthObserver.DECISIONS, "outcome", "allow", "reason", "none")).isEqualTo(1);
        assertThat(count(MicrometerAuthObserver.DECISIONS, "outcome", "deny", "reason", "not_project_member"))
                .isEqualTo(1);
        assertThat(count(MicrometerAuthObserver.DECISIONS, "outcome", "deny", "reason", "not_maintainer"))
                .isEqualTo(1);
        assertThat(count(MicrometerAuthObserver.DECISIONS, "outcome", "deny", "reason", "no_sign_in_role"))
                .isEqualTo(1);
        assertThat(count(MicrometerAuthObserver.TOKEN_REJECTIONS, "reason", "token_expired")).isEqualTo(1);
        assertThat(count(MicrometerAuthObserver.TOKEN_REJECTIONS, "reason", "token_bad_signature")).isZero();
        assertThat(count(MicrometerAuthObserver.CACHE_LOOKUPS, "cache", "verified_tokens", "result", "hit"))
                .isEqualTo(1);
        assertThat(count(MicrometerAuthObserver.CACHE_LOOKUPS, "cache", "verified_tokens", "result", "miss"))
                .isEqualTo(3);
    }

    @Test
    void timesTheSignInTransactionAndCountsPermissionCacheLookups() {
        try (CodemieAuth auth = CodemieAuth.builder(tokens.settingsBuilder().set(AuthSettings.ENABLE_USER_MANAGEMENT, true).build())
                .userStore(new InMemoryUserStore()).observer(new MicrometerAuthObserver(registry)).build()) {
            String token = tokens.forUser(UUID.randomUUID().toString()).roles("developer").sign();

            auth.authenticate(token);
            auth.authenticate(token);
        }

        assertThat(registry.get(MicrometerAuthObserver.STORE_CALLS).tags("call", "sign_in", "outcome", "success")
                .timer().count()).isEqualTo(1);
        assertThat(registry.get(MicrometerAuthObserver.STORE_CALLS).tags("call", "sign_in", "outcome", "success")
                .timer().totalTime(TimeUnit.NANOSECONDS)).isPositive();
        assertThat(count(MicrometerAuthObserver.CACHE_LOOKUPS, "cache", "permissions", "result", "miss"))
                .isEqualTo(1);
        assertThat(count(MicrometerAuthObserver.CACHE_LOOKUPS, "cache", "permissions", "result", "hit"))
                .isEqualTo(1);
    }

    @Test
    void countsKeyFetchesAndTheirFailuresByTheConfiguredIssuer() {
        tokens.jwksAvailable(false);
        try (CodemieAuth auth = CodemieAuth.builder(tokens.settings())
                .observer(new MicrometerAuthObserver(registry)).build()) {
            String token = tokens.forUser("alice").roles("developer").sign();

            assertThatThrownBy(() -> auth.authenticate(token)).isInstanceOf(UnavailableException.class);
            tokens.jwksAvailable(true);
            auth.authenticate(token);
        }

        assertThat(count(MicrometerAuthObserver.KEY_FETCHES, "issuer", tokens.issuer(), "outcome", "failure"))
                .isEqualTo(1);
        assertThat(count(MicrometerAuthObserver.KEY_FETCHES, "issuer", tokens.issuer(), "outcome", "success"))
                .isEqualTo(1);
    }

    @Test
    void registersTheMetersOfFixedTagsAtZeroBeforeAnyRequest() {
        new MicrometerAuthObserver(registry);

        assertThat(registry.get(MicrometerAuthObserver.TOKEN_REJECTIONS).counters()).hasSize(TokenRejection.values().length);
        assertThat(registry.get(MicrometerAuthObserver.CACHE_LOOKUPS).counters()).hasSize(4);
        assertThat(registry.get(MicrometerAuthObserver.DECISIONS).counters()).singleElement()
                .satisfies(counter -> assertThat(counter.count()).isZero());
        assertThat(registry.find(MicrometerAuthObserver.KEY_FETCHES).counters()).isEmpty();
    }

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }
}
