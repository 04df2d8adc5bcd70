package ai.codemie.auth.admin.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.audit.AuditEvent;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.error.AccessDeniedException;
import ai.codemie.auth.error.AuthException;
import ai.codemie.auth.error.Problem;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.model.PermissionPattern;
import ai.codemie.auth.policy.Decision;
import ai.codemie.auth.policy.Requirements;
import ai.codemie.auth.resolve.PlatformFixture;
import ai.codemie.auth.resolve.PlatformManagedResolver;
import ai.codemie.auth.store.ChangeFeed;
import ai.codemie.auth.store.Invitation;
import ai.codemie.auth.store.StoreTransaction;
import ai.codemie.auth.store.StoredRole;
import ai.codemie.auth.store.Tenant;
import ai.codemie.auth.store.TenantMembership;
import ai.codemie.auth.store.UserStore;
import ai.codemie.auth.test.StoreSeeder;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * A store with tenants for administration tests, on any {@link UserStore}: the resolver that decides requests sees
 * only what the administration tells it in this process (its store's own feed delivers nothing), so every test that
 * reads a decision after a change also proves the change was announced locally.
 *
 * <p>Tenant {@value #ACME} (boundary {@code agent:*}, {@code kb:*}, {@code tenant.users:*}, {@code tenant.roles:*})
 * has the roles {@code Owner} ({@code *:*}), {@code Chat Manager} ({@code agent:chat} and the four reserved
 * permissions), {@code chatter} ({@code agent:chat}), {@code agent-all} ({@code agent:*}), {@code reader}
 * ({@code kb:read}) and {@code viewer} ({@code tenant.users:view}). Tenant {@value #BETA} (boundary {@code *:*}) has
 * {@code Owner} ({@code *:*}). Tenant {@value #GAMMA} (boundary {@code agent:*}) has {@code Owner} ({@code *:*}).
 */
final class TenantAdminFixture implements AutoCloseable {

    static final String ACME = "acme";
    static final String BETA = "beta";
    static final String GAMMA = "gamma";

    final String admin = id();
    final String owner = id();
    final String manager = id();
    final String viewer = id();
    final String alice = id();
    final String bob = id();
    final String carol = id();
    final String outsider = id();

    final UserStore store;
    final AuthSettings settings;
    final PlatformManagedResolver resolver;
    final List<AuditEvent> events = new CopyOnWriteArrayList<>();
    final TenantAdministration tenants;

    TenantAdminFixture(UserStore store) {
        this(store, PlatformFixture.settings(b -> b.set(AuthSettings.TENANTS_ENABLED, true)));
    }

    TenantAdminFixture(UserStore store, AuthSettings settings) {
        this.store = store;
        this.settings = settings;
        ChangeFeed silent = listener -> () -> { };
        this.resolver = new PlatformManagedResolver(settings, PlatformFixture.withFeed(store, silent),
                PlatformFixture.CLOCK, true);
        this.tenants = new TenantAdministration(settings, store, resolver.changeListener(), PlatformFixture.CLOCK,
                events::add);
        StoreSeeder.of(store).user(admin).admin().user(owner).email("owner@acme.test").user(manager)
                .email("manager@acme.test").user(viewer).email("viewer@acme.test").user(alice)
                .email("Alice@Acme.test").name("Alice").user(bob).email("bob@acme.test").user(carol)
                .email("carol@acme.test").user(outsider).email("outsider@else.test");
        write(tx -> {
            tx.tenants().insert(Tenant.of(ACME, patterns("agent:*", "kb:*", "tenant.users:*", "tenant.roles:*")));
            role(tx, ACME, "Owner", "*:*");
            role(tx, ACME, "Chat Manager", "agent:chat", "tenant.users:view", "tenant.users:manage",
                    "tenant.roles:view", "tenant.roles:manage");
            role(tx, ACME, "chatter", "agent:chat");
            role(tx, ACME, "agent-all", "agent:*");
            role(tx, ACME, "reader", "kb:read");
            role(tx, ACME, "viewer", "tenant.users:view");
            tx.tenants().insert(Tenant.of(BETA, patterns("*:*")));
            role(tx, BETA, "Owner", "*:*");
            tx.tenants().insert(Tenant.of(GAMMA, patterns("agent:*")));
            role(tx, GAMMA, "Owner", "*:*");
            tx.tenants().addRoles(ACME, owner, List.of("Owner"));
            tx.tenants().addRoles(ACME, manager, List.of("Chat Manager"));
            tx.tenants().addRoles(ACME, viewer, List.of("viewer"));
            tx.tenants().addRoles(BETA, viewer, List.of("Owner"));
            tx.tenants().addRoles(GAMMA, viewer, List.of("Owner"));
            tx.tenants().addRoles(ACME, alice, List.of("chatter"));
            tx.tenants().addMember(ACME, bob);
        });
    }

    @Override
    public void close() {
        resolver.close();
    }

    static String id() {
        return UUID.randomUUID().toString();
    }

    /** The user's permissions as the next request computes them. */
    EffectivePermissions as(String userId) {
        return resolver.resolve(PlatformFixture.developer(userId));
    }

    /** The decision of the user's next request for the permission in the tenant. */
    Decision decide(String userId, String tenant, String permission) {
        return Requirements.tenantPermission(tenant, permission).check(as(userId));
    }

    void write(Consumer<StoreTransaction> work) {
        store.inTransaction(tx -> {
            work.accept(tx);
            return null;
        });
    }

    <T> T read(UserStore.StoreWork<T> work) {
        return store.inTransaction(work);
    }

    /** The tenant's members, read back from the store. */
    List<TenantMembership> members(String tenant) {
        return store.inTransaction(tx -> tx.tenants().members(tenant));
    }

    /** The tenant's invitations, read back from the store. */
    List<Invitation> invitations(String tenant) {
        return store.inTransaction(tx -> tx.invitations().list(tenant));
    }

    /** The roles the user holds in the tenant, read back from the store; null when not a member. */
    List<String> storedRoles(String tenant, String userId) {
        return read(tx -> tx.tenants().membershipsOf(userId).stream().filter(m -> m.tenantId().equals(tenant))
                .findFirst().map(m -> m.roleNames()).orElse(null));
    }

    static void role(StoreTransaction tx, String tenant, String name, String... patterns) {
        tx.tenants().insertRole(new StoredRole(tenant, name, "", patterns(patterns)));
    }

    static List<PermissionPattern> patterns(String... texts) {
        return PermissionPattern.parseAll(List.of(texts));
    }

    /** Refused with this status and message, and no audit event. */
    void assertRefused(ThrowingCallable call, Problem.Status status, String message) {
        int before = events.size();
        assertThatThrownBy(call).isInstanceOfSatisfying(AuthException.class, e -> {
            assertThat(e.problem().status()).isEqualTo(status);
            assertThat(e.problem().message()).isEqualTo(message);
        });
        assertThat(events).as("no audit event for a refusal").hasSize(before);
    }

    /** Refused with a 403 of this reason code and details, and no audit event. */
    void assertDenied(ThrowingCallable call, String code, String details) {
        int before = events.size();
        assertThatThrownBy(call).isInstanceOfSatisfying(AccessDeniedException.class, e -> {
            assertThat(e.decision().reason().code()).isEqualTo(code);
            assertThat(e.problem().message()).isEqualTo("Access denied");
            assertThat(e.problem().details()).isEqualTo(details);
        });
        assertThat(events).as("no audit event for a refusal").hasSize(before);
    }
}
