package ai.codemie.auth.resolve;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.IdpProvider;
import ai.codemie.auth.error.AuthenticationException;
import ai.codemie.auth.error.AuthenticationException.BearerError;
import ai.codemie.auth.error.Problem;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.model.TenantDefinition;
import ai.codemie.auth.model.UserIdentity;
import ai.codemie.auth.observe.AuthCache;
import ai.codemie.auth.observe.AuthObserver;
import ai.codemie.auth.observe.Observed;
import ai.codemie.auth.observe.ObserverSlot;
import ai.codemie.auth.observe.StoreCall;
import ai.codemie.auth.policy.SignInGate;
import ai.codemie.auth.store.ChangeFeed;
import ai.codemie.auth.store.StoreTransaction;
import ai.codemie.auth.store.TenantMembership;
import ai.codemie.auth.store.StoredText;
import ai.codemie.auth.store.StoredUser;
import ai.codemie.auth.store.UserStore;
import ai.codemie.auth.token.ClockTicker;
import ai.codemie.auth.token.VerifiedToken;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
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
 * (and the last login time). The subject is the identity: an e-mail or user name that another user holds never
 * refuses a login, it is left out (first login: no e-mail, the next free user name of the e-mail and the subject;
 * later logins: the e-mail is kept), and a new e-mail frees the old one, user name included when it was the old
 * e-mail. Each collision, and each e-mail taken without {@code email_verified: true}, is logged with both users.
 * A profile claim the store cannot hold ({@link StoredText}) is refused with a 401 that names the claim, before
 * anything is written. Inactive or deleted users are refused with 401 "Account is deactivated"; with
 * {@code IDP_PROVIDER=local} an unknown subject other than {@code MAINTAINER_USER_ID} is refused with 401
 * "Invalid credentials". The subject must be a canonical lower-case UUID (401 "Invalid subject"). Permissions are
 * computed as {@link StoredAccounts#permissions} describes.
 *
 * <p>Resolved permissions are cached (Caffeine, {@code CODEMIE_AUTH_PERMISSION_CACHE_SIZE} entries for at most
 * {@code CODEMIE_AUTH_PERMISSION_CACHE_TTL_SECONDS}). The cache listens to the store's {@link ChangeFeed}, so
 * changes committed by other replicas drop entries; changes made in this process must also be reported to
 * {@link #changeListener()} right after they commit (the administration API does), which makes them visible on
 * the very next request. {@link #close()} stops listening.
 *
 * <p>With tenants on, the permissions also hold every tenant membership of the user with its roles, each pointing
 * at its tenant's definition (boundary and roles), which is read once and shared by every member's cached value. A
 * change to a tenant (a role's patterns, name or existence, or the boundary) replaces that one definition, and each
 * member is read again at its next request; other users' cached values stay. Which tenant a request acts in is never
 * part of the cached value. With tenants off (the default) no tenant is read and the permissions hold none.
 *
 * <p>With tenants on, a user's first sign-in with tenants, in the same transaction as the first login (or the later
 * login) it is part of, joins the default tenant ({@code CODEMIE_AUTH_DEFAULT_TENANT}) with the roles of
 * {@code CODEMIE_AUTH_FIRST_LOGIN_ROLES} that the tenant has (names ignoring case; a missing one is skipped with a
 * warning naming it), turns every invitation of the user's e-mail (ignoring case) into a membership with its roles,
 * and records a per-user marker, so that nobody is joined twice and a removal from the default tenant sticks. The
 * invitations are claimed only when the token says {@code email_verified: true} (the JSON boolean) for that e-mail,
 * unless {@code CODEMIE_AUTH_PLACEHOLDER_REQUIRE_VERIFIED_EMAIL} is false; otherwise they stay pending and a warning
 * is logged. Every later sign-in only reads the marker, together with the memberships. The default tenant itself is
 * created at startup by {@link PermissionResolvers#forMode}.
 */
public final class PlatformManagedResolver implements PermissionResolver, Observed, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformManagedResolver.class);
    /** How often a first login reads again after concurrent sign-ins took its user name or e-mail. */
    private static final int FIRST_LOGIN_ATTEMPTS = 3;

    /** A local token of a subject the store does not know: local sign-in creates no users. */
    private static final Problem UNKNOWN_LOCAL_USER = new Problem(Problem.Status.UNAUTHENTICATED, "unknown_user",
            "Invalid credentials", "There is no user with this id: with local sign-in, users are created by an "
                    + "administrator, never at their first sign-in.",
            "Ask an administrator to create your user and sign in with its id; to create the very first one, set "
                    + AuthSettings.MAINTAINER_USER_ID.name() + " to the id you sign in with.");

    private final AuthSettings settings;
    private final UserStore store;
    private final Function<VerifiedToken, EffectivePermissions> claims;
    private final Function<VerifiedToken, UserIdentity> identities;
    private final SignInGate signInGate;
    private final Clock clock;
    private final PermissionCache cache;
    /** Null when tenants are off. */
    private final TenantSignIn tenantSignIn;
    private final AutoCloseable subscription;
    private final ObserverSlot observer = new ObserverSlot();
    /** Warnings logged already, so that a user's every request does not repeat them. */
    private final Cache<String, Boolean> warned = Caffeine.newBuilder().maximumSize(10_000).build();

    /** A resolver reading claims with each issuer's preset, on the system clock, with tenants off. */
    public PlatformManagedResolver(AuthSettings settings, UserStore store) {
        this(settings, store, Clock.systemUTC(), false);
    }

    /**
     * A resolver reading claims with each issuer's preset, on the given clock: it times the permission cache
     * ({@code CODEMIE_AUTH_PERMISSION_CACHE_TTL_SECONDS}) and is the time written as {@code last_login_at}.
     */
    public PlatformManagedResolver(AuthSettings settings, UserStore store, Clock clock) {
        this(settings, store, clock, false);
    }

    /**
     * A resolver reading claims with each issuer's preset, on the given clock.
     *
     * @param tenants whether the permissions hold the user's tenant memberships (read from the store's tenants) and
     *                sign-in joins the default tenant and claims invitations, as the class describes
     */
    public PlatformManagedResolver(AuthSettings settings, UserStore store, Clock clock, boolean tenants) {
        this(settings, store, new TokenClaims(settings), ClockTicker.of(clock), clock, tenants);
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
        this(settings, store, claims, ticker, clock, false);
    }

    /**
     * A resolver with its parts given, and tenants on or off.
     *
     * @param tenants whether the permissions hold the user's tenant memberships (read from the store's tenants) and
     *                sign-in joins the default tenant and claims invitations, as the class describes
     * @see #PlatformManagedResolver(AuthSettings, UserStore, Function, Ticker, Clock)
     */
    public PlatformManagedResolver(AuthSettings settings, UserStore store,
            Function<VerifiedToken, EffectivePermissions> claims, Ticker ticker, Clock clock, boolean tenants) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tenantSignIn = tenants ? new TenantSignIn(settings) : null;
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
        AuthObserver observer = this.observer.get();
        observer.cacheLookedUp(AuthCache.PERMISSIONS, cached != null);
        if (cached != null) {
            return cached;
        }
        EffectivePermissions claimed = claims.apply(token);
        PermissionCache.Stamp stamp = cache.stamp();
        EffectivePermissions resolved;
        long start = System.nanoTime();
        try {
            resolved = store.inTransaction(tx -> login(tx, token, claimed, profile, stamp));
        } catch (RuntimeException | Error e) {
            observer.storeCalled(StoreCall.SIGN_IN, System.nanoTime() - start, e);
            throw e;
        }
        observer.storeCalled(StoreCall.SIGN_IN, System.nanoTime() - start, null);
        // kept with the strings of the value where equal, so that an entry holds each of them once
        UserIdentity kept = resolved.identity();
        cache.put(kept.id().equals(id) ? kept.id() : id, profile.sharing(kept), stamp, resolved);
        return resolved;
    }

    /**
     * Where changes made in this process are reported once committed ({@code userChanged} for one user,
     * {@code tenantChanged} for a tenant's definition, {@code everythingChanged} for all), so that the next request
     * sees them.
     */
    @Override
    public ChangeFeed.ChangeListener changeListener() {
        return cache;
    }

    /** Reports permission cache lookups and sign-in transactions to the observer. */
    @Override
    public void observeWith(AuthObserver value) {
        observer.set(value);
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
            Profile profile, PermissionCache.Stamp stamp) {
        String id = claimed.id();
        // Locked so that a concurrent administrator's change to the row is not overwritten by the profile refresh.
        Optional<StoredUser> existing = tx.users().lock(id);
        if (existing.isEmpty()) {
            if ((settings.get(AuthSettings.IDP_PROVIDER) == IdpProvider.LOCAL
                    || AuthSettings.LOCAL_ISSUER.equals(token.issuer().issuer()))
                    && !settings.isConfiguredMaintainer(id)) {
                // Local users exist only when an administrator created them; the configured maintainer is the one
                // exception, as without it nobody could ever sign in to create the first local user.
                throw new AuthenticationException(BearerError.INVALID_TOKEN, UNKNOWN_LOCAL_USER);
            }
            signInGate.check(claimed).orThrow();
            Optional<StoredUser> created = firstLogin(tx, token, claimed, profile);
            if (created.isPresent()) {
                return permissions(tx, created.get(), token, stamp);
            }
            // Another replica created the user between our read and our insert: this is a later login now.
            existing = tx.users().lock(id);
        }
        StoredUser user = existing.orElseThrow();
        if (!user.usable()) {
            throw new AuthenticationException(BearerError.INVALID_TOKEN, "account_deactivated",
                    "Account is deactivated");
        }
        requireStorable(id, profile);
        StoredUser refreshed = refresh(tx, user, profile, token);
        tx.users().update(refreshed);
        return permissions(tx, refreshed, token, stamp);
    }

    /**
     * The user's permissions. With tenants on, a user's first sign-in with tenants joins the default tenant and
     * claims invitations first ({@link TenantSignIn}), and the memberships are each on their tenant's shared
     * definition (read from the store only when the cache has none).
     */
    private EffectivePermissions permissions(StoreTransaction tx, StoredUser user, VerifiedToken token,
            PermissionCache.Stamp stamp) {
        if (tenantSignIn == null) {
            return StoredPermissions.load(settings, tx, user, List.of());
        }
        // read before the marker: a database store answers both in one round trip
        List<TenantMembership> memberships = tx.tenants().membershipsOf(user.id());
        if (tenantSignIn.firstSignIn(tx, user, user.email() != null && emailVerified(token, user.email()))) {
            memberships = tx.tenants().membershipsOf(user.id());
        }
        return StoredPermissions.load(settings, tx, user, StoredPermissions.tenantAccess(memberships,
                tenantId -> definition(tx, tenantId, stamp)));
    }

    /** The tenant's definition: the cached one, else read and shared. */
    private Optional<TenantDefinition> definition(StoreTransaction tx, String tenantId, PermissionCache.Stamp stamp) {
        TenantDefinition cached = cache.definition(tenantId);
        if (cached != null) {
            return Optional.of(cached);
        }
        return tx.tenants().definition(tenantId).map(read -> cache.share(tenantId, stamp, read));
    }

    /**
     * Creates the user of a first login; empty when another sign-in created it meanwhile. The subject is the
     * identity: an e-mail that another user holds is left out, and a user name that another user holds gives way to
     * the next of the e-mail and the subject; each such collision is logged with both users.
     */
    private Optional<StoredUser> firstLogin(StoreTransaction tx, VerifiedToken token, EffectivePermissions claimed,
            Profile profile) {
        UserIdentity identity = claimed.identity();
        String id = identity.id();
        requireStorable(id, "preferred_username", StoredText.USERNAME, identity.username());
        requireStorable(id, profile);
        for (int attempt = 0; attempt < FIRST_LOGIN_ATTEMPTS; attempt++) {
            String email = profile.email();
            Optional<StoredUser> emailHolder = email == null ? Optional.empty() : tx.users().findByEmail(email);
            if (emailHolder.isPresent()) {
                email = null;
            }
            String username = null;
            Optional<StoredUser> usernameHolder = Optional.empty();
            for (String candidate : new LinkedHashSet<>(nonEmpty(identity.username(), email, id))) {
                Optional<StoredUser> holder = tx.users().findByUsername(candidate);
                if (holder.isEmpty()) {
                    username = candidate;
                    break;
                }
                usernameHolder = usernameHolder.or(() -> holder);
            }
            if (username == null) {
                if (tx.users().lock(id).isPresent()) {
                    return Optional.empty();
                }
                LOG.warn("First login of user {} refused: its user name {}, its e-mail and its subject are all user "
                        + "names of other users; give one of those users another users.username", id,
                        StoredText.quoted(identity.username()));
                throw identityConflict();
            }
            Optional<StoredUser> created = UserProvisioning.provisionFirstLogin(settings, tx, claimed, username, email,
                    settings.get(AuthSettings.IDP_PROVIDER).value(), clock.instant());
            if (created.isPresent()) {
                LOG.info("Created user {} at first login", id);
                logFirstLoginCollisions(token, created.get(), emailHolder, usernameHolder);
                return created;
            }
            if (tx.users().lock(id).isPresent()) {
                return Optional.empty();
            }
            // a concurrent sign-in took the user name or the e-mail between our reads and our insert: read again
        }
        LOG.warn("First login of user {} refused: concurrent sign-ins took its user name or e-mail {} times",
                id, FIRST_LOGIN_ATTEMPTS);
        throw identityConflict();
    }

    private static AuthenticationException identityConflict() {
        return new AuthenticationException(BearerError.INVALID_TOKEN, "identity_conflict",
                "Account conflicts with an existing user");
    }

    private void logFirstLoginCollisions(VerifiedToken token, StoredUser user, Optional<StoredUser> emailHolder,
            Optional<StoredUser> usernameHolder) {
        String id = user.id();
        emailHolder.ifPresent(holder -> LOG.warn("First login of user {}: its e-mail {} belongs to user {}, so user {} "
                + "was created without an e-mail and without a personal project. If the address is now user {}'s, "
                + "free it (user {} frees it by signing in with another address, or clear its users.email); user {} "
                + "takes it at its next sign-in", id, StoredText.quoted(holder.email()), holder.id(), id, id,
                holder.id(), id));
        usernameHolder.ifPresent(holder -> LOG.warn("First login of user {}: user name {} belongs to user {}, so "
                + "user {} was created with user name {} (user names are not refreshed from tokens; change "
                + "users.username to rename)", id, StoredText.quoted(holder.username()), holder.id(), id,
                StoredText.quoted(user.username())));
        String email = user.email();
        if (email != null && !emailVerified(token, email)) {
            LOG.warn("First login of user {} took the e-mail {}, which its token does not mark as verified "
                    + "(email_verified is not true; issuer {}): another subject signing in with this address later "
                    + "is created without it", id, StoredText.quoted(email), token.issuer().issuer());
        }
    }

    /**
     * The row with the token's e-mail, name and picture where the token has them, and the login time. A new e-mail
     * frees the old one, and so does the user name when it was the old e-mail; an e-mail that another user holds is
     * not taken over.
     */
    private StoredUser refresh(StoreTransaction tx, StoredUser user, Profile profile, VerifiedToken token) {
        StoredUser refreshed = user.toBuilder()
                .name(profile.name() == null ? user.name() : profile.name())
                .picture(profile.picture() == null ? user.picture() : profile.picture())
                .lastLoginAt(clock.instant())
                .build();
        String email = profile.email();
        if (email == null || email.equals(user.email())) {
            return refreshed;
        }
        Optional<StoredUser> holder = tx.users().findByEmail(email).filter(other -> !other.id().equals(user.id()));
        if (holder.isPresent()) {
            warnOnce(user.id() + " email " + email, "User {} keeps its e-mail {}: its token's e-mail {} belongs to "
                    + "user {}. If the address is now user {}'s, free it (user {} frees it by signing in with another "
                    + "address, or clear its users.email); user {} takes it at its next sign-in", user.id(),
                    StoredText.quoted(user.email()), StoredText.quoted(email), holder.get().id(), user.id(),
                    holder.get().id(), user.id());
            return refreshed;
        }
        if (!emailVerified(token, email)) {
            warnOnce(user.id() + " unverified " + email, "User {} took the e-mail {}, which its token does not mark "
                    + "as verified (email_verified is not true; issuer {})", user.id(), StoredText.quoted(email),
                    token.issuer().issuer());
        }
        refreshed = refreshed.toBuilder().email(email).build();
        if (!user.username().equals(user.email())) {
            return refreshed;
        }
        // the user name was the old e-mail: it follows the address, so that the old one is free for its new owner
        for (String username : List.of(email, user.id())) {
            if (tx.users().findByUsername(username).filter(other -> !other.id().equals(user.id())).isEmpty()) {
                return refreshed.toBuilder().username(username).build();
            }
        }
        warnOnce(user.id() + " username " + email, "User {} keeps its user name {} (its old e-mail): both its new "
                + "e-mail and its subject are user names of other users", user.id(),
                StoredText.quoted(user.username()));
        return refreshed;
    }

    /** Whether the token vouches for the e-mail: {@code email_verified} is the JSON boolean true for that address. */
    private static boolean emailVerified(VerifiedToken token, String email) {
        return Boolean.TRUE.equals(token.claims().get("email_verified")) && email.equals(token.claims().get("email"));
    }

    /** Refuses (401, naming the claim) a profile the store could not hold, before anything is written. */
    private void requireStorable(String id, Profile profile) {
        requireStorable(id, "email", StoredText.EMAIL, profile.email());
        requireStorable(id, "name", StoredText.NAME, profile.name());
        requireStorable(id, "picture", StoredText.PICTURE, profile.picture());
    }

    private void requireStorable(String id, String claim, StoredText column, String value) {
        Optional<String> problem = column.problem(value);
        if (problem.isPresent()) {
            String message = "Invalid claim '" + claim + "': the value " + problem.get();
            warnOnce(id + " claim " + message, "Refusing the sign-in of user {}: {}", id, message);
            throw new AuthenticationException(BearerError.INVALID_TOKEN, "invalid_claim", message);
        }
    }

    /** Logs the warning once for the key (as far as a bounded memory of keys allows), so that retries add nothing. */
    private void warnOnce(String key, String format, Object... arguments) {
        if (warned.asMap().putIfAbsent(key, Boolean.TRUE) == null) {
            LOG.warn(format, arguments);
        }
    }

    /**
     * Whether the id is a lower-case UUID in its canonical form, {@code 8-4-4-4-12} hexadecimal digits: the only
     * subjects platform-managed mode accepts.
     */
    public static boolean isCanonicalUuid(String id) {
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

    private static List<String> nonEmpty(String... values) {
        List<String> present = new ArrayList<>(values.length);
        for (String value : values) {
            if (value != null && !value.isEmpty()) {
                present.add(value);
            }
        }
        return present;
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
