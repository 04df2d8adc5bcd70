package ai.codemie.auth.jdbc;

import static org.assertj.core.api.Assertions.fail;

import ai.codemie.auth.admin.UserAdministration;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.error.AuthenticationException;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.resolve.PlatformFixture;
import ai.codemie.auth.resolve.PlatformManagedResolver;
import ai.codemie.auth.store.ChangeFeed;
import ai.codemie.auth.store.UserStore;
import ai.codemie.auth.token.VerifiedToken;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * One service replica in platform-managed mode, as a service assembles it: a JDBC store, a resolver with its own
 * permission cache listening to that store's change feed, and the administration API telling that cache about the
 * changes made here.
 */
final class PlatformReplica implements AutoCloseable {

    /** The subject configured as {@code MAINTAINER_USER_ID}: admin and maintainer from its first login. */
    static final String MAINTAINER = "8f0e6f4a-1b2c-4d3e-8f4a-5b6c7d8e9f01";
    static final AuthSettings SETTINGS = PlatformFixture.settings(b -> b.set(AuthSettings.MAINTAINER_USER_ID,
            MAINTAINER));
    /**
     * How long a poll for a change waits before the test fails: far above the sub-second propagation the tests
     * measure and print, so that a machine shared with other builds cannot fail them; a change that never arrives
     * still does.
     */
    static final Duration POLL_DEADLINE = Duration.ofSeconds(20);
    private static final long POLL_INTERVAL_NANOS = 200_000;

    final JdbcUserStore store;
    final PlatformManagedResolver resolver;
    final UserAdministration administration;
    private final AutoCloseable[] alsoClose;
    private final AtomicLong resolverTransactions = new AtomicLong();

    /** A replica on the store; {@code alsoClose} (its connection pool) closes after the store. */
    PlatformReplica(JdbcUserStore store, AutoCloseable... alsoClose) {
        this(store, false, alsoClose);
    }

    /** A replica on the store whose resolver reads tenants when {@code tenants} says so. */
    PlatformReplica(JdbcUserStore store, boolean tenants, AutoCloseable... alsoClose) {
        this.store = store;
        this.alsoClose = alsoClose;
        // on a clock that stands still the permission cache never expires: a change can only arrive by the feed
        this.resolver = new PlatformManagedResolver(SETTINGS, countingTransactions(store), PlatformFixture.CLOCK,
                tenants);
        this.administration = new UserAdministration(SETTINGS, store, resolver.changeListener(), PlatformFixture.CLOCK);
    }

    /**
     * A replica on a connection pool of its own of {@code poolSize} connections to the database, its store built with
     * {@code configure} applied, its resolver reading tenants when {@code tenants} says so; the pool closes with it.
     */
    static PlatformReplica onPool(PostgresDatabase database, String name, int poolSize, boolean tenants,
            UnaryOperator<JdbcUserStore.Builder> configure) {
        var pool = database.pool(name, poolSize);
        return new PlatformReplica(configure.apply(JdbcUserStore.builder(pool)).build(), tenants, pool);
    }

    /** The caller's permissions as this replica resolves them; empty when the account is deactivated. */
    Optional<EffectivePermissions> signIn(VerifiedToken token) {
        try {
            return Optional.of(resolver.resolve(token));
        } catch (AuthenticationException e) {
            if (e.problem().reason().equals("account_deactivated")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Polls this replica until its answer for the token (empty: account deactivated) passes; returns the nanoseconds
     * since {@code since}. Fails after the deadline, which only says how long to wait, never what is fast enough.
     */
    long awaitAnswer(VerifiedToken token, Predicate<Optional<EffectivePermissions>> seen, long since,
            Duration deadline) {
        long end = since + deadline.toNanos();
        while (!seen.test(signIn(token))) {
            if (System.nanoTime() - end > 0) {
                fail("the replica did not show the change within %s", deadline);
            }
            LockSupport.parkNanos(POLL_INTERVAL_NANOS);
        }
        return System.nanoTime() - since;
    }

    /** The maintainer's permissions, signing them in (first login creates them as admin and maintainer). */
    EffectivePermissions maintainer() {
        return resolver.resolve(PlatformFixture.token(MAINTAINER, "preferred_username", "maintainer"));
    }

    /** Store transactions the resolver has run: unchanged across a resolution means the cache answered. */
    long resolverTransactions() {
        return resolverTransactions.get();
    }

    /** A Keycloak token of a developer (passes the sign-in gate) with a user name, e-mail and extra claims. */
    static VerifiedToken developer(String subject, String username, Object... claims) {
        Object[] all = new Object[claims.length + 6];
        all[0] = "realm_access";
        all[1] = PlatformFixture.realmRoles("developer");
        all[2] = "preferred_username";
        all[3] = username;
        all[4] = "email";
        all[5] = username + "@example.com";
        System.arraycopy(claims, 0, all, 6, claims.length);
        return PlatformFixture.token(subject, all);
    }

    @Override
    public void close() throws Exception {
        resolver.close();
        store.close();
        for (AutoCloseable closeable : alsoClose) {
            closeable.close();
        }
    }

    private UserStore countingTransactions(UserStore delegate) {
        return new UserStore() {
            @Override
            public <T> T inTransaction(StoreWork<T> work) {
                resolverTransactions.incrementAndGet();
                return delegate.inTransaction(work);
            }

            @Override
            public ChangeFeed changeFeed() {
                return delegate.changeFeed();
            }
        };
    }
}
