package ai.codemie.auth.resolve;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.IdpProvider;
import ai.codemie.auth.error.AuthenticationException;
import ai.codemie.auth.error.AuthenticationException.BearerError;
import ai.codemie.auth.error.Problem;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.model.UserIdentity;
import ai.codemie.auth.policy.SignInGate;
import ai.codemie.auth.store.ChangeFeed;
import ai.codemie.auth.store.ProjectMembership;
import ai.codemie.auth.store.StoreTransaction;
import ai.codemie.auth.store.StoredUser;
import ai.codemie.auth.store.UserStore;
import ai.codemie.auth.token.VerifiedToken;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Platform-managed mode ({@code ENABLE_USER_MANAGEMENT=true}): the token says who the caller is, the user store
 * says what they may do.
 *
 * <p>An unknown subject is created at its first login from the token's claims, once even under
 * concurrent first requests; the sign-in gate applies then only. Later logins refresh only e-mail, name and picture
 * (and the last login time). Inactive or deleted users are refused with 401 "Account is deactivated"; with
 * {@code IDP_PROVIDER=local} an unknown subject other than {@code MAINTAINER_USER_ID} is refused with 401
 * "Invalid credentials". The subject must be a canonical lower-case UUID (401 "Invalid subject"). Permissions are
 * computed by {@link StoredPermissions}.
 *
 * <p>Resolved permissions are cached (Caffeine, {@code CODEMIE_AUTH_PERMISSION_CACHE_SIZE} entries for at most
 * {@code CODEMIE_AUTH_PERMISSION_CACHE_TTL_SECONDS}). The cache listens to the store's {@link ChangeFeed}, so
 * changes committed by other replicas drop entries; changes made in this process must also be reported to
 * {@link #changeListener()} right after they commit (the administration API does), which makes them visible on
 * the very next request. {@link #close()} stops listening.
 */
public final class PlatformManagedResolver implements PermissionResolver, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformManagedResolver.class);

    /** A local token of a subject the store does not know: local sign-in creates no users. */
    private static final Problem UNKNOWN_LOCAL_USER = new Problem(Problem.Status.UNAUTHENTICATED, "unknown_user",
            "Invalid credentials", "There is no user with this id: with local sign-in, users are created by an "
                    + "administrator, never at their first sign-in.",
            "Ask an administrator to create your user and sign in with its id; to create the very first one, set "
                    + AuthSettings.MAINTAINER_USER_ID + " to the id you sign in with.");

    private final AuthSettings settings;
    private final UserStore store;
    private final Function<VerifiedToken, EffectivePermissions> claims;
    private final Function<VerifiedToken, UserIdentity> identities;
    private final SignInGate signInGate;
    private final Clock clock;
    private final PermissionCache cache;
    private final AutoCloseable subscription;

    /** A resolver reading claims with each issuer's preset, on the system clock. */
    public PlatformManagedResolver(AuthSettings settings, UserStore store) {
        this(settings, store, new TokenClaims(settings), Ticker.systemTicker(), Clock.systemUTC());
    }

    /**
     * A resolver with its parts given.
     *
     * @param claims reads identity, roles and project lists from a verified token (used at first login, and for
     *               the identity and profile at every login), for example a {@code ClaimsMapper}; with any
     *               other function than the default one, a cached request also applies it in full
     * @param ticker the cache's time source
     * @param clock  the time written as {@code last_login_at}
     */
    public PlatformManagedResolver(AuthSettings settings, UserStore store,
            Function<VerifiedToken, EffectivePermissions> claims, Ticker ticker, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.store = Objects.requireNonNull(store, "store");
        this.claims = Objects.requireNonNull(claims, "claims");
        // the default reads only the identity for the cache lookup; the full mapping is needed on a miss only
        this.identities = claims instanceof TokenClaims tokenClaims ? tokenClaims::identity
                : token -> claims.apply(token).identity();
        this.signInGate = SignInGate.from(settings);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cache = new PermissionCache(settings, ticker);
        this.subscription = store.changeFeed().subscribe(cache);
    }

    /** What the caller may do; see the class description for the rules. */
    @Override
    public EffectivePermissions resolve(VerifiedToken token) {
        UserIdentity identity = identities.apply(token);
        String id = identity.id();
        if (!isCanonicalUuid(id)) {
            throw new AuthenticationException(BearerError.INVALID_TOKEN, "invalid_subject", "Invalid subject");
        }
        Profile profile = Profile.of(identity);
        EffectivePermissions cached = cache.get(id, profile);
        if (cached != null) {
            return cached;
        }
        EffectivePermissions claimed = claims.apply(token);
        PermissionCache.Stamp stamp = cache.stamp();
        EffectivePermissions resolved = store.inTransaction(tx -> login(tx, token, claimed, profile));
        // kept with the strings of the value where equal, so that an entry holds each of them once
        UserIdentity kept = resolved.identity();
        cache.put(kept.id().equals(id) ? kept.id() : id, profile.sharing(kept), stamp, resolved);
        return resolved;
    }

    /**
     * Where changes made in this process are reported once committed ({@code userChanged} for one user,
     * {@code everythingChanged} for all), so that the next request sees them.
     */
    public ChangeFeed.ChangeListener changeListener() {
        return cache;
    }

    /** Stops listening to the store's change feed. */
    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.warn("Could not unsubscribe from the user store's change feed", e);
        }
    }

    private EffectivePermissions login(StoreTransaction tx, VerifiedToken token, EffectivePermissions claimed,
            Profile profile) {
        String id = claimed.id();
        // Locked so that a concurrent administrator's change to the row is not overwritten by the profile refresh.
        Optional<StoredUser> existing = tx.lockUser(id);
        if (existing.isEmpty()) {
            if ((settings.idpProvider() == IdpProvider.LOCAL
                    || AuthSettings.LOCAL_ISSUER.equals(token.issuer().issuer()))
                    && !settings.isConfiguredMaintainer(id)) {
                // Local users exist only when an administrator created them; the configured maintainer is the one
                // exception, as without it nobody could ever sign in to create the first local user.
                throw new AuthenticationException(BearerError.INVALID_TOKEN, UNKNOWN_LOCAL_USER);
            }
            signInGate.check(claimed).orThrow();
            StoredUser created = newUser(claimed);
            if (UserProvisioning.provision(tx, created, memberships(claimed), claimed.knowledgeBases())) {
                LOG.info("Created user {} at first login", id);
                return StoredPermissions.load(settings, tx, created);
            }
            // Another replica created the user between our read and our insert: this is a later login now.
            existing = tx.lockUser(id);
            if (existing.isEmpty()) {
                LOG.warn("First login of {} refused: another user has the same user name or e-mail", id);
                throw new AuthenticationException(BearerError.INVALID_TOKEN, "identity_conflict",
                        "Account conflicts with an existing user");
            }
        }
        StoredUser user = existing.get();
        if (!user.usable()) {
            throw new AuthenticationException(BearerError.INVALID_TOKEN, "account_deactivated",
                    "Account is deactivated");
        }
        StoredUser refreshed = refresh(tx, user, profile);
        tx.updateUser(refreshed);
        return StoredPermissions.load(settings, tx, refreshed);
    }

    private StoredUser newUser(EffectivePermissions claimed) {
        UserIdentity identity = claimed.identity();
        String id = identity.id();
        boolean maintainer = settings.isConfiguredMaintainer(id);
        boolean admin = maintainer || claimed.hasRole(settings.adminRoleName()) || settings.isConfiguredAdmin(id);
        String username = firstNonEmpty(identity.username(), identity.email(), id);
        return new StoredUser(id, username, emptyToNull(identity.email()), identity.name(), identity.picture(),
                identity.userType(), true, null, admin, maintainer, admin ? null : settings.userProjectLimit(),
                settings.idpProvider().value(), clock.instant());
    }

    /**
     * Plain memberships with the admin flag for names also administered, then admin-only names (kept as admin
     * memberships, where the platform drops them).
     */
    private static List<ProjectMembership> memberships(EffectivePermissions claimed) {
        List<ProjectMembership> memberships = new ArrayList<>();
        for (String project : claimed.projects()) {
            memberships.add(new ProjectMembership(claimed.id(), project, claimed.adminProjects().contains(project)));
        }
        for (String project : claimed.adminProjects()) {
            if (!claimed.projects().contains(project)) {
                memberships.add(new ProjectMembership(claimed.id(), project, true));
            }
        }
        return memberships;
    }

    /**
     * The row with the token's e-mail, name and picture where the token has them, and the login time. An e-mail
     * that another user already holds is not taken over.
     */
    private StoredUser refresh(StoreTransaction tx, StoredUser user, Profile profile) {
        String email = profile.email() == null ? user.email() : profile.email();
        if (!Objects.equals(email, user.email())
                && tx.findUserByEmail(email).filter(other -> !other.id().equals(user.id())).isPresent()) {
            LOG.warn("Keeping the e-mail of user {}: the token's e-mail belongs to another user", user.id());
            email = user.email();
        }
        return user.withProfile(email, profile.name() == null ? user.name() : profile.name(),
                        profile.picture() == null ? user.picture() : profile.picture())
                .withLastLoginAt(clock.instant());
    }

    /** Whether the id is a lower-case UUID in its canonical form, {@code 8-4-4-4-12} hexadecimal digits. */
    private static boolean isCanonicalUuid(String id) {
        if (id.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = id.charAt(i);
            boolean valid = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-'
                    : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            if (!valid) {
                return false;
            }
        }
        return true;
    }

    private static String firstNonEmpty(String... values) {
        for (String value : values) {
            if (value != null && !value.isEmpty()) {
                return value;
            }
        }
        throw new IllegalArgumentException("no non-empty value");
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /**
     * The profile claims a cached entry was refreshed from: a token with another e-mail, name or picture is a
     * cache miss, so the store is refreshed.
     */
    private record Profile(String email, String name, String picture) {
        static Profile of(UserIdentity identity) {
            return new Profile(emptyToNull(identity.email()), identity.name(), identity.picture());
        }

        /** An equal profile that uses the identity's strings where they are equal. */
        Profile sharing(UserIdentity identity) {
            return new Profile(same(email, identity.email()), same(name, identity.name()),
                    same(picture, identity.picture()));
        }

        private static String same(String value, String candidate) {
            return Objects.equals(value, candidate) ? candidate : value;
        }
    }
}
