package ai.codemie.auth.resolve;

import static ai.codemie.auth.resolve.PlatformFixture.CLOCK;
import static ai.codemie.auth.resolve.PlatformFixture.developer;
import static ai.codemie.auth.resolve.PlatformFixture.settings;
import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.model.PermissionPattern;
import ai.codemie.auth.policy.Decision;
import ai.codemie.auth.policy.DenyReason;
import ai.codemie.auth.policy.Requirements;
import ai.codemie.auth.store.ChangeFeed;
import ai.codemie.auth.store.InMemoryUserStore;
import ai.codemie.auth.store.StoreTransaction;
import ai.codemie.auth.store.StoredRole;
import ai.codemie.auth.store.Tenant;
import ai.codemie.auth.store.UserStore;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With tenants on, every kind of tenant change committed in this process decides the very next request of the
 * members it concerns, through {@link Requirements#tenantPermission}, and leaves other users' cached values alone.
 */
class TenantPermissionsNextRequestTest {

    private final InMemoryUserStore inMemory = new InMemoryUserStore();
    private final AtomicInteger transactions = new AtomicInteger();
    /** The in-memory store, counting transactions: a cache hit runs none. */
    private final UserStore store = new UserStore() {
        @Override
        public <T> T inTransaction(StoreWork<T> work) {
            transactions.incrementAndGet();
            return inMemory.inTransaction(work);
        }

        @Override
        public ChangeFeed changeFeed() {
            return inMemory.changeFeed();
        }
    };
    private PlatformManagedResolver resolver;
    private final String ada = UUID.randomUUID().toString();
    private final String bob = UUID.randomUUID().toString();

    @BeforeEach
    void acmeWithAReaderRole() {
        resolver = new PlatformManagedResolver(settings(), store, new TokenClaims(settings()),
                new PlatformFixture.ManualTicker(), CLOCK, true);
        write(tx -> {
            tx.tenants().insert(Tenant.of("acme", patterns("kb:*", "agent:chat")));
            tx.tenants().insertRole(role("reader", "kb:read"));
            tx.tenants().insertRole(role("chatter", "agent:chat"));
            tx.tenants().addRoles("acme", ada, List.of("reader"));
        });
    }

    @AfterEach
    void close() {
        resolver.close();
    }

    @Test
    void aRoleEditDecidesTheNextRequestOfItsHolders() {
        assertThat(decide(ada, "kb:read").allowed()).isTrue();
        assertThat(decide(ada, "kb:write").reason()).isInstanceOf(DenyReason.NoRoleGrants.class);

        write(tx -> tx.tenants().updateRole(role("reader", "kb:write")));

        assertThat(decide(ada, "kb:write").allowed()).isTrue();
        assertThat(decide(ada, "kb:read").reason()).isInstanceOf(DenyReason.NoRoleGrants.class);
    }

    @Test
    void aBoundaryEditDecidesTheNextRequest() {
        assertThat(decide(ada, "kb:read").allowed()).isTrue();

        write(tx -> tx.tenants().setBoundary("acme", patterns("agent:chat")));

        assertThat(decide(ada, "kb:read").reason()).isInstanceOf(DenyReason.OutsideTenantBoundary.class);
    }

    @Test
    void aDeletedRoleGrantsNothingFromTheNextRequest() {
        assertThat(decide(ada, "kb:read").allowed()).isTrue();

        write(tx -> tx.tenants().deleteRole("acme", "reader"));

        assertThat(decide(ada, "kb:read").reason()).isInstanceOf(DenyReason.NoRoleGrants.class);
        assertThat(resolve(ada).tenant("acme").orElseThrow().roleNames()).isEmpty();
    }

    @Test
    void aRenamedRoleStaysWithItsHolders() {
        assertThat(decide(ada, "kb:read").allowed()).isTrue();

        write(tx -> tx.tenants().renameRole("acme", "reader", "Knowledge Reader"));

        assertThat(decide(ada, "kb:read").allowed()).isTrue();
        assertThat(resolve(ada).tenant("acme").orElseThrow().roleNames()).containsExactly("Knowledge Reader");
    }

    @Test
    void addingAndRemovingAMembershipDecidesTheNextRequest() {
        assertThat(decide(bob, "kb:read").reason()).isInstanceOf(DenyReason.NotTenantMember.class);

        write(tx -> tx.tenants().addRoles("acme", bob, List.of("reader")));
        assertThat(decide(bob, "kb:read").allowed()).isTrue();

        write(tx -> tx.tenants().removeMember("acme", bob));
        assertThat(decide(bob, "kb:read").reason()).isInstanceOf(DenyReason.NotTenantMember.class);
    }

    @Test
    void replacedRolesDecideTheNextRequest() {
        assertThat(decide(ada, "agent:chat").allowed()).isFalse();

        write(tx -> tx.tenants().replaceRoles("acme", ada, List.of("chatter")));

        assertThat(decide(ada, "agent:chat").allowed()).isTrue();
        assertThat(decide(ada, "kb:read").allowed()).isFalse();
    }

    @Test
    void aRoleEditReadsOnlyItsTenantsMembersAgainWhoThenShareOneDefinition() {
        write(tx -> tx.tenants().addRoles("acme", bob, List.of("chatter")));
        String outsider = UUID.randomUUID().toString();
        resolve(ada);
        resolve(bob);
        resolve(outsider);

        write(tx -> tx.tenants().updateRole(role("chatter", "agent:*")));
        int before = transactions.get();
        EffectivePermissions outsiderAgain = resolve(outsider);

        assertThat(transactions.get()).as("the outsider's cached value stays").isEqualTo(before);
        assertThat(outsiderAgain.tenants()).isEmpty();
        EffectivePermissions adaAgain = resolve(ada);
        EffectivePermissions bobAgain = resolve(bob);
        assertThat(transactions.get()).as("each member is read again once").isEqualTo(before + 2);
        assertThat(adaAgain.tenant("acme").orElseThrow().definition())
                .isSameAs(bobAgain.tenant("acme").orElseThrow().definition());
        assertThat(resolve(ada)).isSameAs(adaAgain);
        assertThat(transactions.get()).isEqualTo(before + 2);
    }

    @Test
    void withTenantsOffThePermissionsHoldNoTenant() {
        try (PlatformManagedResolver off = PlatformFixture.resolver(store)) {
            EffectivePermissions permissions = off.resolve(developer(ada));

            assertThat(permissions.tenants()).isEmpty();
            assertThat(Requirements.tenantPermission("acme", "kb:read").check(permissions).reason())
                    .isInstanceOf(DenyReason.NotTenantMember.class);
        }
    }

    private Decision decide(String userId, String permission) {
        return Requirements.tenantPermission("acme", permission).check(resolve(userId));
    }

    private EffectivePermissions resolve(String userId) {
        return resolver.resolve(developer(userId));
    }

    private void write(Consumer<StoreTransaction> work) {
        store.inTransaction(tx -> {
            work.accept(tx);
            return null;
        });
    }

    private static StoredRole role(String name, String... patterns) {
        return new StoredRole("acme", name, "", patterns(patterns));
    }

    private static List<PermissionPattern> patterns(String... texts) {
        return PermissionPattern.parseAll(List.of(texts));
    }
}
