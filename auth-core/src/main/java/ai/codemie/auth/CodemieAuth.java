package ai.codemie.auth;

import ai.codemie.auth.admin.UserAdministration;
import ai.codemie.auth.admin.tenant.TenantAdministration;
import ai.codemie.auth.audit.AuditSink;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.error.AccessDeniedException;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.observe.AuthObserver;
import ai.codemie.auth.observe.Observed;
import ai.codemie.auth.policy.Authorizer;
import ai.codemie.auth.policy.Decision;
import ai.codemie.auth.policy.Requirement;
import ai.codemie.auth.resolve.PermissionResolver;
import ai.codemie.auth.resolve.PermissionResolvers;
import ai.codemie.auth.store.UserStore;
import ai.codemie.auth.token.JwtTokenVerifier;
import ai.codemie.auth.token.TokenRejectedException;
import ai.codemie.auth.token.TokenVerifier;
import ai.codemie.auth.token.TokenVerifiers;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library in one object: verifies a bearer token, computes the caller's effective permissions and answers
 * requirements. Thread-safe; build one per application and share it, and {@link #close()} it when the application
 * stops.
 *
 * <pre>{@code
 * CodemieAuth auth = CodemieAuth.builder(AuthSettings.fromEnvironment(System.getenv())).build();
 * EffectivePermissions caller = auth.authenticate(bearerToken);      // 401 / 403 / 503 as exceptions
 * auth.authorize(caller, Requirements.projectAccess("proj-a")).orThrow();
 * }</pre>
 */
public final class CodemieAuth implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CodemieAuth.class);

    private final AuthSettings settings;
    private final TokenVerifier tokenVerifier;
    private final PermissionResolver permissionResolver;
    private final UserAdministration administration;
    private final TenantAdministration tenantAdministration;
    private final Authorizer authorizer = new Authorizer();
    private final AuthObserver observer;
    /** What this instance built itself and so must close; what it was given stays the caller's to close. */
    private final List<AutoCloseable> owned = new ArrayList<>();

    private CodemieAuth(Builder builder) {
        this.settings = builder.settings;
        // the resolver first: a refused configuration must not leave the verifier's key refresh running
        if (builder.permissionResolver != null) {
            this.permissionResolver = builder.permissionResolver;
        } else {
            this.permissionResolver = PermissionResolvers.forMode(settings, () -> builder.userStore, builder.clock);
            if (permissionResolver instanceof AutoCloseable closeable) {
                owned.add(closeable);
            }
        }
        if (builder.tokenVerifier != null) {
            this.tokenVerifier = builder.tokenVerifier;
        } else {
            try {
                JwtTokenVerifier built = TokenVerifiers.create(settings, builder.clock);
                owned.add(built);
                this.tokenVerifier = built;
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }
        this.observer = builder.observer;
        if (observer != AuthObserver.NONE) {
            try {
                observe(tokenVerifier);
                observe(permissionResolver);
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }
        this.administration = builder.userStore == null ? null : new UserAdministration(settings, builder.userStore,
                permissionResolver.changeListener(), builder.clock, builder.audit);
        this.tenantAdministration = builder.userStore == null ? null : new TenantAdministration(settings,
                builder.userStore, permissionResolver.changeListener(), builder.clock, builder.audit);
    }

    private void observe(Object part) {
        if (part instanceof Observed observed) {
            observed.observeWith(observer);
        }
    }

    /** A builder for the given settings. */
    public static Builder builder(AuthSettings settings) {
        return new Builder(settings);
    }

    /**
     * The effective permissions of the caller who sent this bearer token.
     *
     * @throws ai.codemie.auth.error.AuthenticationException for a refused token or an unusable identity (401)
     * @throws ai.codemie.auth.error.AccessDeniedException   when the sign-in gate refuses the caller (403)
     * @throws ai.codemie.auth.error.UnavailableException    when keys or the store cannot be reached (503)
     */
    public EffectivePermissions authenticate(String bearerToken) {
        try {
            return permissionResolver.resolve(tokenVerifier.verify(bearerToken));
        } catch (TokenRejectedException e) {
            observer.tokenRejected(e.rejection());
            throw e;
        } catch (AccessDeniedException e) {
            observer.accessDenied(e.problem());
            throw e;
        }
    }

    /** The answer to a requirement; never throws, a failing requirement is a deny. */
    public Decision authorize(EffectivePermissions caller, Requirement requirement) {
        Decision decision = authorizer.decide(caller, requirement);
        observer.decided(decision);
        return decision;
    }

    /**
     * The administration API over this instance's user store; its changes are visible on this instance's very next
     * request.
     *
     * @throws IllegalStateException when no user store was given to the builder
     */
    public UserAdministration administration() {
        if (administration == null) {
            throw new IllegalStateException("no user store was given to CodemieAuth.Builder.userStore");
        }
        return administration;
    }

    /**
     * The administration of tenants over this instance's user store; its changes are visible on this instance's very
     * next request.
     *
     * @throws IllegalStateException when no user store was given to the builder
     */
    public TenantAdministration tenantAdministration() {
        if (tenantAdministration == null) {
            throw new IllegalStateException("no user store was given to CodemieAuth.Builder.userStore");
        }
        return tenantAdministration;
    }

    /** The settings this instance was built with. */
    public AuthSettings settings() {
        return settings;
    }

    /**
     * Stops what this instance started: the key refresh of the verifier and the change-feed subscription of the
     * resolver it built from the settings. A verifier, resolver or store given to the builder is left open.
     */
    @Override
    public synchronized void close() {
        for (AutoCloseable closeable : owned) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed", closeable.getClass().getSimpleName(), e);
            }
        }
        owned.clear();
    }

    /** Assembles a {@link CodemieAuth}; not thread-safe. */
    public static final class Builder {
        private final AuthSettings settings;
        private TokenVerifier tokenVerifier;
        private PermissionResolver permissionResolver;
        private UserStore userStore;
        private AuthObserver observer = AuthObserver.NONE;
        private AuditSink audit = AuditSink.logging();
        private Clock clock = Clock.systemUTC();

        private Builder(AuthSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        /** The verifier to use instead of the one built from the settings. */
        public Builder tokenVerifier(TokenVerifier value) {
            this.tokenVerifier = value;
            return this;
        }

        /** The resolver to use instead of the one the settings' mode calls for. */
        public Builder permissionResolver(PermissionResolver value) {
            this.permissionResolver = value;
            return this;
        }

        /** The store of platform-managed mode; required when {@code ENABLE_USER_MANAGEMENT} is true. */
        public Builder userStore(UserStore value) {
            this.userStore = value;
            return this;
        }

        /**
         * Who hears decisions, token rejections, cache lookups, key fetches and store calls (default
         * {@link AuthObserver#NONE}); also given to the verifier and resolver, built or given, that report to one.
         */
        public Builder observer(AuthObserver value) {
            this.observer = Objects.requireNonNull(value, "observer");
            return this;
        }

        /**
         * Where the administration API reports each change it committed (default {@link AuditSink#logging()}, one
         * JSON line per change on the logger {@code ai.codemie.auth.audit}).
         */
        public Builder audit(AuditSink value) {
            this.audit = Objects.requireNonNull(value, "audit");
            return this;
        }

        /**
         * The clock that decides on time everywhere this instance builds: token expiry and not-before, the key,
         * token and permission caches, and the times the administration API, its audit events and the sign-in
         * write. The system clock (UTC) unless given.
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * The configured instance: unless given, the verifier is built from the settings' trusted issuers and the
         * resolver is the one of the settings' mode.
         */
        public CodemieAuth build() {
            return new CodemieAuth(this);
        }
    }
}
