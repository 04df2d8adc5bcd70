package ai.codemie.auth.resolve;

import static ai.codemie.auth.resolve.PlatformFixture.CLOCK;
import static ai.codemie.auth.resolve.PlatformFixture.developer;
import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.LogCapture;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.model.PermissionPattern;
import ai.codemie.auth.model.TenantAccess;
import ai.codemie.auth.policy.Requirements;
import ai.codemie.auth.store.EmptyStorePerTest;
import ai.codemie.auth.store.Invitation;
import ai.codemie.auth.store.StoreTransaction;
import ai.codemie.auth.store.StoredRole;
import ai.codemie.auth.store.Tenant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What signing in does with tenants on, on every store (each runs it by extending this class, published in
 * auth-core's test jar): the default tenant created at startup once, the first sign-in with tenants joining it with
 * the first-login roles exactly once, invitations claimed only by a verified e-mail, and nothing tenant-related read
 * or written with tenants off.
 */
public abstract class TenantSignInContract extends EmptyStorePerTest {

    private static final List<PermissionPattern> EVERYTHING = PermissionPattern.parseAll(List.of("*:*"));

    private final List<PermissionResolver> started = new ArrayList<>();
    private final String ada = UUID.randomUUID().toString();

    @AfterEach
    final void stopResolvers() {
        started.forEach(resolver -> ((PlatformManagedResolver) resolver).close());
    }

    @Test
    void theDefaultTenantIsCreatedAtStartupOnceAndLeftAsAdministratorsChangeIt() {
        start(tenantsOn());

        assertThat(read((StoreTransaction tx) -> tx.tenants().list())).containsExactly(new Tenant("default", "Default", EVERYTHING));

        write(tx -> tx.tenants().setBoundary("default", patterns("agent:*")));
        start(tenantsOn());

        assertThat(read((StoreTransaction tx) -> tx.tenants().list())).containsExactly(new Tenant("default", "Default",
                patterns("agent:*")));
    }

    @Test
    void aDefaultTenantOfAnotherIdIsNamedDefaultToo() {
        start(tenantsOn(b -> b.set(AuthSettings.DEFAULT_TENANT, "home")));

        assertThat(read((StoreTransaction tx) -> tx.tenants().list())).containsExactly(new Tenant("home", "Default", EVERYTHING));
    }

    @Test
    void replicasStartingTogetherCreateOneDefaultTenant() throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            List<Future<PermissionResolver>> starting = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                starting.add(replicas.submit(() -> {
                    together.await();
                    return PermissionResolvers.forMode(tenantsOn(), () -> store, CLOCK);
                }));
            }
            for (Future<PermissionResolver> replica : starting) {
                started.add(replica.get());
            }
        } finally {
            replicas.shutdownNow();
        }

        assertThat(read((StoreTransaction tx) -> tx.tenants().list())).containsExactly(new Tenant("default", "Default", EVERYTHING));
    }

    @Test
    void aFirstLoginJoinsTheDefaultTenantWithTheFirstLoginRolesItHasAndWarnsOfTheOthers() {
        PermissionResolver resolver = start(tenantsOn(b -> b.set(AuthSettings.FIRST_LOGIN_ROLES,
                Set.of("READER", "Ghost"))));
        // roles are data an administrator creates after startup
        write(tx -> tx.tenants().insertRole(new StoredRole("default", "Reader", "", patterns("kb:read"))));

        EffectivePermissions signedIn;
        try (LogCapture log = LogCapture.start()) {
            signedIn = resolver.resolve(developer(ada));

            assertThat(log.lines("User " + ada, "without the role 'Ghost'", "CODEMIE_AUTH_FIRST_LOGIN_ROLES"))
                    .hasSize(1);
        }

        assertThat(signedIn.tenant("default").map(TenantAccess::roleNames)).contains(List.of("Reader"));
        assertThat(Requirements.tenantPermission("default", "kb:read").check(signedIn).allowed()).isTrue();
        assertThat(read((StoreTransaction tx) -> tx.tenants().joinedDefaultTenant(ada))).isTrue();
    }

    @Test
    void withoutFirstLoginRolesAFirstLoginJoinsWithNoRole() {
        EffectivePermissions signedIn = start(tenantsOn()).resolve(developer(ada));

        assertThat(signedIn.tenant("default").map(TenantAccess::roleNames)).contains(List.of());
        assertThat(Requirements.tenantPermission("default", "kb:read").check(signedIn).allowed()).isFalse();
    }

    @Test
    void aUserCreatedBeforeTenantsJoinsAtTheNextSignInOnceAndARemovalSticks() {
        start(tenantsOff()).resolve(developer(ada));
        PermissionResolver resolver = start(tenantsOn(b -> b.set(AuthSettings.FIRST_LOGIN_ROLES, Set.of("reader"))));
        write(tx -> tx.tenants().insertRole(new StoredRole("default", "Reader", "", patterns("kb:read"))));

        EffectivePermissions joined = resolver.resolve(developer(ada));

        assertThat(joined.tenant("default").map(TenantAccess::roleNames)).contains(List.of("Reader"));

        write(tx -> tx.tenants().removeMember("default", ada));

        assertThat(resolver.resolve(developer(ada)).tenants()).isEmpty();
        assertThat(start(tenantsOn()).resolve(developer(ada)).tenants()).as("after a restart too").isEmpty();
    }

    @Test
    void aMemberRemovedAfterTheFirstLoginIsNotJoinedAgain() {
        PermissionResolver resolver = start(tenantsOn());
        assertThat(resolver.resolve(developer(ada)).tenant("default")).isPresent();

        write(tx -> tx.tenants().removeMember("default", ada));

        assertThat(resolver.resolve(developer(ada, "name", "Ada L.")).tenants()).isEmpty();
        assertThat(read((StoreTransaction tx) -> tx.tenants().membershipsOf(ada))).isEmpty();
    }

    @Test
    void aVerifiedEmailInAnotherCaseClaimsEveryInvitationMergedWithTheDefaultMembership() {
        PermissionResolver resolver = start(tenantsOn(b -> b.set(AuthSettings.FIRST_LOGIN_ROLES, Set.of("reader"))));
        inviteAdaToAcmeAndDefault();

        EffectivePermissions signedIn = resolver.resolve(developer(ada, "email", "ada@example.com",
                "email_verified", true));

        assertThat(signedIn.tenant("acme").map(TenantAccess::roleNames)).contains(List.of("Writer"));
        assertThat(signedIn.tenant("default").map(TenantAccess::roleNames)).contains(List.of("Reader", "Editor"));
        assertThat(Requirements.tenantPermission("acme", "kb:write").check(signedIn).allowed()).isTrue();
        assertThat(read((StoreTransaction tx) -> tx.invitations().forEmail("ada@example.com"))).isEmpty();
    }

    static Stream<Arguments> unverifiedEmails() {
        return Stream.of(Arguments.of("email_verified", false), Arguments.of("email_verified", "true"),
                Arguments.of("email_verified", 1), Arguments.of("no_email_verified", true));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("unverifiedEmails")
    void anUnverifiedEmailClaimsNothingAndTheInvitationsStayPendingWithAWarning(String claim, Object value) {
        PermissionResolver resolver = start(tenantsOn());
        inviteAdaToAcmeAndDefault();

        EffectivePermissions signedIn;
        try (LogCapture log = LogCapture.start()) {
            signedIn = resolver.resolve(developer(ada, "email", "ada@example.com", claim, value));

            assertThat(log.lines("User " + ada, "'ada@example.com'", "[acme, default]", "stay pending",
                    "CODEMIE_AUTH_PLACEHOLDER_REQUIRE_VERIFIED_EMAIL")).hasSize(1);
        }

        assertThat(signedIn.tenant("acme")).isEmpty();
        assertThat(signedIn.tenant("default").map(TenantAccess::roleNames)).contains(List.of());
        assertThat(read((StoreTransaction tx) -> tx.invitations().forEmail("ada@example.com"))).hasSize(2);
    }

    @Test
    void withTheVerifiedEmailRuleSwitchedOffAnUnverifiedEmailClaims() {
        PermissionResolver resolver = start(tenantsOn(b -> b.set(AuthSettings.PLACEHOLDER_REQUIRE_VERIFIED_EMAIL,
                false)));
        inviteAdaToAcmeAndDefault();

        EffectivePermissions signedIn = resolver.resolve(developer(ada, "email", "ada@example.com",
                "email_verified", false));

        assertThat(signedIn.tenant("acme").map(TenantAccess::roleNames)).contains(List.of("Writer"));
        assertThat(read((StoreTransaction tx) -> tx.invitations().forEmail("ada@example.com"))).isEmpty();
    }

    @Test
    void invitationsAreClaimedAtTheFirstSignInWithTenantsOnly() {
        PermissionResolver resolver = start(tenantsOn());
        resolver.resolve(developer(ada, "email", "ada@example.com", "email_verified", true));
        // administration invites only e-mails no user has; one written behind its back stays as it is
        inviteAdaToAcmeAndDefault();

        EffectivePermissions later = resolver.resolve(developer(ada, "email", "ada@example.com",
                "email_verified", true, "name", "Ada L."));

        assertThat(later.tenant("acme")).isEmpty();
        assertThat(read((StoreTransaction tx) -> tx.invitations().forEmail("ada@example.com"))).hasSize(2);
    }

    @Test
    void withTenantsOffNoTenantIsCreatedReadOrJoined() {
        PermissionResolver resolver = start(tenantsOff());
        write(tx -> tx.tenants().insert(Tenant.of("default", EVERYTHING)));

        EffectivePermissions signedIn = resolver.resolve(developer(ada, "applications", "proj-a"));

        assertThat(signedIn.tenants()).isEmpty();
        assertThat(signedIn.projects()).containsExactlyInAnyOrder("proj-a");
        assertThat(read((StoreTransaction tx) -> tx.tenants().membershipsOf(ada))).isEmpty();
        assertThat(read((StoreTransaction tx) -> tx.tenants().joinedDefaultTenant(ada))).isFalse();
        assertThat(storedPermissions(tenantsOff())).usingRecursiveComparison().isEqualTo(signedIn);
    }

    @Test
    void storedPermissionsHoldTheTenantsWhenTenantsAreOn() {
        start(tenantsOn()).resolve(developer(ada));

        assertThat(storedPermissions(tenantsOn()).tenant("default")).isPresent();
        assertThat(storedPermissions(tenantsOff()).tenants()).isEmpty();
    }

    private EffectivePermissions storedPermissions(AuthSettings settings) {
        return read((StoreTransaction tx) -> StoredAccounts.permissions(settings, tx, tx.users().find(ada).orElseThrow()));
    }

    /** Acme with a writer role, the default tenant with an editor and reader role, Ada invited to both. */
    private void inviteAdaToAcmeAndDefault() {
        write(tx -> {
            tx.tenants().insert(Tenant.of("acme", EVERYTHING));
            tx.tenants().insertRole(new StoredRole("acme", "Writer", "", patterns("kb:write")));
            tx.tenants().insertRole(new StoredRole("default", "Reader", "", patterns("kb:read")));
            tx.tenants().insertRole(new StoredRole("default", "Editor", "", patterns("kb:edit")));
            tx.invitations().insert(new Invitation("acme", "Ada@Example.COM", "Ada", List.of("writer")));
            tx.invitations().insert(new Invitation("default", "ADA@example.com", null, List.of("EDITOR")));
        });
    }

    /** A resolver as startup builds it, closed after the test. */
    private PermissionResolver start(AuthSettings settings) {
        PermissionResolver resolver = PermissionResolvers.forMode(settings, () -> store, CLOCK);
        started.add(resolver);
        return resolver;
    }

    private static AuthSettings tenantsOn() {
        return tenantsOn(b -> b);
    }

    private static AuthSettings tenantsOn(UnaryOperator<AuthSettings.Builder> adjust) {
        return PlatformFixture.settings(b -> adjust.apply(b.set(AuthSettings.TENANTS_ENABLED, true)));
    }

    private static AuthSettings tenantsOff() {
        return PlatformFixture.settings();
    }

    private void write(Consumer<StoreTransaction> work) {
        store.inTransaction(tx -> {
            work.accept(tx);
            return null;
        });
    }

    private <T> T read(Function<StoreTransaction, T> work) {
        return store.inTransaction(work::apply);
    }

    private static List<PermissionPattern> patterns(String... texts) {
        return PermissionPattern.parseAll(List.of(texts));
    }
}
