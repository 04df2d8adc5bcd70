package ai.codemie.auth.keycloak;

import ai.codemie.auth.audit.Audit;
import ai.codemie.auth.audit.AuditSink;
import ai.codemie.auth.claims.ClaimsMapper;
import ai.codemie.auth.claims.ClaimsMappers;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.ClaimPreset;
import ai.codemie.auth.config.TrustedIssuer;
import ai.codemie.auth.error.AuthException;
import ai.codemie.auth.error.InvalidConfigurationException;
import ai.codemie.auth.keycloak.MigrationReport.Outcome;
import ai.codemie.auth.keycloak.MigrationReport.UserOutcome;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.policy.SignInGate;
import ai.codemie.auth.resolve.PlatformManagedResolver;
import ai.codemie.auth.resolve.StoredAccounts;
import ai.codemie.auth.store.StoredUser;
import ai.codemie.auth.store.UserStore;
import java.net.URI;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Keycloak user import: creates every Keycloak user of a realm in the user store as their first login would
 * have, so that a deployment switching to platform-managed mode keeps its users' admin status and project
 * assignments. Works on any {@link UserStore}.
 *
 * <p>A run reads everything from Keycloak first (the members of {@code ADMIN_ROLE_NAME} and of the sign-in roles,
 * then every user, page by page), so a Keycloak failure ends it before anything is written. Then each user, in a
 * transaction of their own, is:
 * <ul>
 *   <li>skipped untouched ({@value MigrationReport#ALREADY_IN_STORE}) when the store has a user with the same id, or
 *       the same e-mail in any case — so running again, or after users signed in, changes nothing already there;</li>
 *   <li>skipped when disabled in Keycloak ({@value MigrationReport#DISABLED}), without e-mail
 *       ({@value MigrationReport#NO_EMAIL}), or refused by the sign-in gate
 *       ({@value MigrationReport#NO_SIGN_IN_ROLE});</li>
 *   <li>otherwise created through the same code as a first login, from the claims a token of that user would carry:
 *       admin by the admin role or {@code ADMIN_USER_ID}, memberships from the {@code applications} and
 *       {@code applications_admin} attributes, knowledge bases from {@code knowledge_bases}, {@code auth_source}
 *       {@value #AUTH_SOURCE}, no last login;</li>
 *   <li>or reported as failed with the error, and the run goes on with the next user.</li>
 * </ul>
 *
 * <p>Role membership is what Keycloak's role member listing ({@code GET .../roles/{role}/users}) returns: the users
 * holding the realm role directly. Holders through a group or a composite role are not listed (though their tokens
 * carry the role), so they are imported as not admin, or skipped without a sign-in role; their first login creates
 * them from their token instead.
 *
 * <p>A run holds the store's exclusive lock {@value #LOCK_NAME}; a run that finds it held returns an empty report
 * at once. A {@link #dryRun()} takes no lock and writes nothing: it reports what a run would do now. The report is
 * logged as one summary line and one line per failure.
 *
 * <p>Each user a run creates is reported to the audit sink as one {@value #AUDIT_ACTION} event, after its
 * transaction committed, by the service-account client ({@code KEYCLOAK_ADMIN_CLIENT_ID}); a dry run, a skipped
 * user and a failed one report nothing, and a failing sink fails neither the user nor the run.
 */
public final class KeycloakMigration {

    /** The store lock a run holds. */
    public static final String LOCK_NAME = "keycloak-migration";
    /** The {@code auth_source} of imported users. */
    public static final String AUTH_SOURCE = "keycloak";
    /** The audit action of a user the import created. */
    public static final String AUDIT_ACTION = "user.import";

    private static final Logger LOG = LoggerFactory.getLogger(KeycloakMigration.class);
    private static final List<String> LIST_ATTRIBUTES = List.of("applications", "applications_admin",
            "knowledge_bases");
    private static final int MAX_ERROR_LENGTH = 500;

    private final AuthSettings settings;
    private final KeycloakMigrationSettings keycloak;
    private final UserStore store;
    private final InstantSource clock;
    private final ClaimsMapper claimsMapper;
    private final SignInGate signInGate;
    private final Audit audit;

    /**
     * An import into the store with the platform's settings (admin role, {@code ADMIN_USER_ID},
     * {@code MAINTAINER_USER_ID}, project limit, sign-in gate) and the Keycloak connection settings.
     *
     * @throws InvalidConfigurationException when platform-managed mode is off: the store would never be read
     */
    public KeycloakMigration(AuthSettings settings, KeycloakMigrationSettings keycloak, UserStore store) {
        this(settings, keycloak, store, AuditSink.logging());
    }

    /**
     * As {@link #KeycloakMigration(AuthSettings, KeycloakMigrationSettings, UserStore)}, reporting the users it
     * creates to the given audit sink instead of {@link AuditSink#logging()}.
     *
     * @throws InvalidConfigurationException when platform-managed mode is off: the store would never be read
     */
    public KeycloakMigration(AuthSettings settings, KeycloakMigrationSettings keycloak, UserStore store,
            AuditSink auditSink) {
        this(settings, keycloak, store, InstantSource.system(), auditSink);
    }

    /** As the public constructor, with the clock that decides when the service-account token is renewed. */
    KeycloakMigration(AuthSettings settings, KeycloakMigrationSettings keycloak, UserStore store,
            InstantSource clock) {
        this(settings, keycloak, store, clock, AuditSink.logging());
    }

    /** With the clock that renews the service-account token and stamps the audit events. */
    KeycloakMigration(AuthSettings settings, KeycloakMigrationSettings keycloak, UserStore store,
            InstantSource clock, AuditSink auditSink) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.keycloak = Objects.requireNonNull(keycloak, "keycloak");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.audit = new Audit(Objects.requireNonNull(auditSink, "auditSink"), clock.withZone(ZoneOffset.UTC));
        requirePlatformManaged(settings);
        // the realm as the issuer of its users' tokens, read with the Keycloak preset: the import sees a user as a
        // first login with that user's token would
        String issuer = keycloak.adminUrl() + "/realms/"
                + KeycloakAdminClient.pathSegment(keycloak.get(KeycloakMigrationSettings.ADMIN_REALM));
        this.claimsMapper = ClaimsMappers.forIssuer(settings, TrustedIssuer.withJwks(issuer, null,
                URI.create(issuer + "/protocol/openid-connect/certs"), ClaimPreset.KEYCLOAK));
        this.signInGate = SignInGate.from(settings);
    }

    /**
     * Refuses Keycloak-managed mode, whose permissions never come from the store the import fills: a migration
     * switched on there is a configuration mistake, not something to skip silently.
     *
     * @throws InvalidConfigurationException naming {@code ENABLE_USER_MANAGEMENT} (and
     *                                       {@code KEYCLOAK_MIGRATION_ENABLED}) when platform-managed mode is off
     */
    public static void requirePlatformManaged(AuthSettings settings) {
        if (!settings.get(AuthSettings.ENABLE_USER_MANAGEMENT)) {
            throw new InvalidConfigurationException(AuthSettings.ENABLE_USER_MANAGEMENT.name(), "must be true for the "
                    + "Keycloak user import (" + KeycloakMigrationSettings.ENABLED.name() + " or the migrate-keycloak "
                    + "command): it fills the user store of platform-managed mode, which Keycloak-managed mode never "
                    + "reads");
        }
    }

    /**
     * Imports the realm's users, holding the store's lock; an empty report at once when another run holds it.
     *
     * @throws KeycloakAdminException when Keycloak cannot be reached or refuses a call; nothing was written then
     * @throws ai.codemie.auth.store.StoreUnavailableException when the store cannot be read before the first write
     * @throws IllegalStateException when the thread is interrupted between two users
     */
    public MigrationReport run() {
        Optional<UserStore.ExclusiveLock> lock = store.tryExclusiveLock(LOCK_NAME);
        if (lock.isEmpty()) {
            LOG.info("Keycloak migration not run: another run holds the lock '{}'", LOCK_NAME);
            return MigrationReport.empty(false);
        }
        try (UserStore.ExclusiveLock held = lock.get()) {
            return importUsers(false);
        }
    }

    /**
     * Reports what {@link #run()} would do now, without taking the lock and without writing anything.
     *
     * @throws KeycloakAdminException when Keycloak cannot be reached or refuses a call
     */
    public MigrationReport dryRun() {
        return importUsers(true);
    }

    private MigrationReport importUsers(boolean dryRun) {
        LOG.info("Keycloak migration{} of realm {} at {} as client {}", dryRun ? " (dry run)" : "",
                keycloak.get(KeycloakMigrationSettings.ADMIN_REALM),
                keycloak.adminUrl(), keycloak.get(KeycloakMigrationSettings.ADMIN_CLIENT_ID));
        KeycloakAdminClient client = new KeycloakAdminClient(keycloak, clock);
        Map<String, Set<String>> roleMembers = new LinkedHashMap<>();
        for (String role : rolesToRead()) {
            roleMembers.put(role, client.roleMembers(role));
        }
        List<KeycloakUser> users = client.users();
        warnWhenNoUserHasProjectAttributes(users);
        StoreIndex index = store.inTransaction(tx -> new StoreIndex(tx.users().listAll()));
        List<UserOutcome> outcomes = new ArrayList<>(users.size());
        for (KeycloakUser user : users) {
            if (Thread.currentThread().isInterrupted()) {
                // a service shutting down: what was created stays, and the next run goes on from there
                throw new IllegalStateException("Keycloak migration interrupted after " + outcomes.size() + " of "
                        + users.size() + " users");
            }
            UserOutcome outcome = importUser(user, roleMembers, index, dryRun);
            if (outcome.outcome() == Outcome.FAILED) {
                LOG.warn("Keycloak migration: user {} ({}) failed: {}", user.id(), user.email(), outcome.reason());
            }
            outcomes.add(outcome);
        }
        MigrationReport report = new MigrationReport(dryRun, outcomes);
        if (report.failed() > 0) {
            LOG.warn(report.summary());
        } else {
            LOG.info(report.summary());
        }
        return report;
    }

    /** The admin role, and the sign-in roles while the gate is on; each once. */
    private Set<String> rolesToRead() {
        Set<String> roles = new LinkedHashSet<>();
        roles.add(settings.get(AuthSettings.ADMIN_ROLE_NAME));
        if (settings.get(AuthSettings.SIGN_IN_GATE)) {
            roles.addAll(settings.get(AuthSettings.SIGN_IN_ROLES));
        }
        return roles;
    }

    private UserOutcome importUser(KeycloakUser user, Map<String, Set<String>> roleMembers, StoreIndex index,
            boolean dryRun) {
        if (index.holds(user.id(), user.email())) {
            return skipped(user, MigrationReport.ALREADY_IN_STORE);
        }
        if (!user.enabled()) {
            return skipped(user, MigrationReport.DISABLED);
        }
        if (user.email() == null) {
            return skipped(user, MigrationReport.NO_EMAIL);
        }
        if (!PlatformManagedResolver.isCanonicalUuid(user.id())) {
            // such a subject could never sign in in platform-managed mode (for example an old federated user id)
            return failed(user, "Invalid subject: platform-managed mode accepts only lower-case UUID user ids");
        }
        EffectivePermissions claimed;
        try {
            claimed = claimsMapper.map(claims(user, roleMembers));
        } catch (RuntimeException e) {
            return failed(user, e);
        }
        if (signInGate.check(claimed).denied()) {
            return skipped(user, MigrationReport.NO_SIGN_IN_ROLE);
        }
        if (index.usernames.contains(user.username())) {
            return failed(user, "another user in the store has the user name '" + user.username() + "'");
        }
        if (dryRun) {
            index.add(user.id(), user.email(), user.username());
            return new UserOutcome(user.id(), user.email(), Outcome.CREATED, null);
        }
        try {
            Optional<StoredUser> created = store.inTransaction(tx -> StoredAccounts.importUser(settings, tx, claimed,
                    AUTH_SOURCE));
            if (created.isPresent()) {
                index.add(user.id(), user.email(), user.username());
                audit(created.get());
                return new UserOutcome(user.id(), user.email(), Outcome.CREATED, null);
            }
            // someone created a user with this id, user name or e-mail since the run read the store
            if (store.inTransaction(tx -> tx.users().find(user.id())).isPresent()) {
                return skipped(user, MigrationReport.ALREADY_IN_STORE);
            }
            return failed(user, "another user in the store has the same user name or e-mail");
        } catch (RuntimeException e) {
            return failed(user, e);
        }
    }

    /** Reports a user the run created, after its transaction committed; a failing sink is only logged. */
    private void audit(StoredUser user) {
        audit.record(keycloak.get(KeycloakMigrationSettings.ADMIN_CLIENT_ID), AUDIT_ACTION, null, null, user.id(),
                Map.of(), Audit.state("username", user.username(), "email", user.email(), "name", user.name(),
                        "user_type", user.userType(), "is_admin", user.admin(), "is_maintainer", user.maintainer(),
                        "project_limit", user.projectLimit(), "auth_source", user.authSource()));
    }

    /** The claims a Keycloak access token of the user would carry, as far as first login reads them. */
    private static Map<String, Object> claims(KeycloakUser user, Map<String, Set<String>> roleMembers) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", user.id());
        claims.put("preferred_username", user.username());
        claims.put("email", user.email());
        claims.put("name", user.name());
        List<String> roles = new ArrayList<>();
        roleMembers.forEach((role, members) -> {
            if (members.contains(user.id())) {
                roles.add(role);
            }
        });
        claims.put("realm_access", Map.of("roles", roles));
        for (String attribute : LIST_ATTRIBUTES) {
            claims.put(attribute, user.attributes().get(attribute));
        }
        // a single-valued attribute mapper puts the first value into the token
        Object userType = user.attributes().get("user_type");
        claims.put("user_type", userType instanceof List<?> values ? (values.isEmpty() ? null : values.get(0))
                : userType);
        return claims;
    }

    /**
     * Keycloak hides attributes the realm's user profile does not declare unless unmanaged attributes are enabled;
     * an import without any project attribute is then silently poorer than the tokens were.
     */
    private static void warnWhenNoUserHasProjectAttributes(List<KeycloakUser> users) {
        boolean any = users.stream().anyMatch(u -> LIST_ATTRIBUTES.stream().anyMatch(u.attributes()::containsKey));
        if (!users.isEmpty() && !any) {
            LOG.warn("Keycloak migration: none of the {} users has an applications, applications_admin or "
                    + "knowledge_bases attribute; if they should, let the realm's user profile show these attributes "
                    + "to administrators (declare them, or enable unmanaged attributes)", users.size());
        }
    }

    private static UserOutcome skipped(KeycloakUser user, String reason) {
        return new UserOutcome(user.id(), user.email(), Outcome.SKIPPED, reason);
    }

    private static UserOutcome failed(KeycloakUser user, RuntimeException error) {
        String text = error instanceof AuthException refusal ? refusal.problem().message()
                : error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        Throwable cause = error.getCause();
        if (cause != null && cause.getMessage() != null && !text.contains(cause.getMessage())) {
            text = text + " (" + cause.getMessage() + ")";
        }
        return failed(user, text);
    }

    private static UserOutcome failed(KeycloakUser user, String error) {
        String text = error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH) + "...";
        return new UserOutcome(user.id(), user.email(), Outcome.FAILED, text);
    }

    /** The ids, lower-cased e-mails and user names in the store, kept up to date with the run's own creations. */
    private static final class StoreIndex {
        private final Set<String> ids = new HashSet<>();
        private final Set<String> emails = new HashSet<>();
        private final Set<String> usernames = new HashSet<>();

        StoreIndex(List<StoredUser> users) {
            for (StoredUser user : users) {
                add(user.id(), user.email(), user.username());
            }
        }

        boolean holds(String id, String email) {
            return ids.contains(id) || (email != null && emails.contains(email.toLowerCase(Locale.ROOT)));
        }

        void add(String id, String email, String username) {
            ids.add(id);
            if (email != null) {
                emails.add(email.toLowerCase(Locale.ROOT));
            }
            usernames.add(username);
        }
    }
}
