package ai.codemie.auth.resolve;

import static ai.codemie.auth.resolve.PlatformFixture.CLOCK;
import static ai.codemie.auth.resolve.PlatformFixture.developer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.LogCapture;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.store.ChangeFeed;
import ai.codemie.auth.store.InMemoryUserStore;
import ai.codemie.auth.store.Invitation;
import ai.codemie.auth.store.InvitationRecords;
import ai.codemie.auth.store.ProjectRecords;
import ai.codemie.auth.store.StoreTransaction;
import ai.codemie.auth.store.StoreUnavailableException;
import ai.codemie.auth.store.TenantRecords;
import ai.codemie.auth.store.Tenant;
import ai.codemie.auth.store.UserRecords;
import ai.codemie.auth.store.UserStore;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The sign-in tenant rules on the in-memory store, and what only a test double of a store can show. */
class TenantSignInInMemoryTest extends TenantSignInContract {

    @Override
    protected UserStore createEmptyStore() {
        return new InMemoryUserStore();
    }

    @Test
    void aFailureWhileClaimingInvitationsLeavesNoUserAndNoMembership() {
        InMemoryUserStore inMemory = new InMemoryUserStore();
        UserStore failingClaims = new UserStore() {
            @Override
            public <T> T inTransaction(StoreWork<T> work) {
                return inMemory.inTransaction(tx -> work.run(new FailingClaims(tx)));
            }

            @Override
            public ChangeFeed changeFeed() {
                return inMemory.changeFeed();
            }
        };
        AuthSettings settings = PlatformFixture.settings(b -> b.set(AuthSettings.TENANTS_ENABLED, true));
        String ada = UUID.randomUUID().toString();
        try (PlatformManagedResolver resolver = (PlatformManagedResolver) PermissionResolvers.forMode(settings,
                () -> failingClaims, CLOCK)) {
            inMemory.inTransaction(tx -> tx.invitations().insert(new Invitation(Tenant.DEFAULT_ID,
                    "ada@example.com", null, List.of())));

            assertThatThrownBy(() -> resolver.resolve(developer(ada, "email", "ada@example.com",
                    "email_verified", true))).isInstanceOf(StoreUnavailableException.class);
        }

        assertThat(inMemory.inTransaction((StoreTransaction tx) -> tx.users().find(ada))).isEmpty();
        assertThat(inMemory.inTransaction((StoreTransaction tx) -> tx.tenants().membershipsOf(ada))).isEmpty();
        assertThat(inMemory.inTransaction((StoreTransaction tx) -> tx.tenants().joinedDefaultTenant(ada))).isFalse();
        assertThat(inMemory.inTransaction((StoreTransaction tx) -> tx.invitations().forEmail("ada@example.com"))).hasSize(1);
    }

    @Test
    void inKeycloakManagedModeTheSwitchOnlyWarnsAndNeedsNoStore() {
        AuthSettings settings = PlatformFixture.settings(b -> b.set(AuthSettings.ENABLE_USER_MANAGEMENT, false)
                .set(AuthSettings.TENANTS_ENABLED, true));

        try (LogCapture log = LogCapture.start()) {
            PermissionResolver resolver = PermissionResolvers.forMode(settings, () -> {
                throw new AssertionError("Keycloak-managed mode opened the store");
            }, CLOCK);

            assertThat(resolver).isInstanceOf(KeycloakManagedResolver.class);
            assertThat(log.lines("CODEMIE_AUTH_TENANTS_ENABLED=true has no effect", "platform-managed mode",
                    "ENABLE_USER_MANAGEMENT=true")).hasSize(1);
            assertThat(resolver.resolve(developer(UUID.randomUUID().toString())).tenants()).isEmpty();
        }
    }

    /** A transaction whose invitations fail to be accepted, as a database that goes away mid-transaction. */
    private record FailingClaims(StoreTransaction tx) implements StoreTransaction {
        @Override
        public UserRecords users() {
            return tx.users();
        }

        @Override
        public ProjectRecords projects() {
            return tx.projects();
        }

        @Override
        public TenantRecords tenants() {
            return tx.tenants();
        }

        @Override
        public InvitationRecords invitations() {
            InvitationRecords invitations = tx.invitations();
            return new InvitationRecords() {
                @Override
                public boolean insert(Invitation invitation) {
                    return invitations.insert(invitation);
                }

                @Override
                public List<Invitation> list(String tenantId) {
                    return invitations.list(tenantId);
                }

                @Override
                public List<Invitation> forEmail(String email) {
                    return invitations.forEmail(email);
                }

                @Override
                public boolean revoke(String tenantId, String email) {
                    return invitations.revoke(tenantId, email);
                }

                @Override
                public int merge(Collection<Invitation> merged) {
                    return invitations.merge(merged);
                }

                @Override
                public List<Invitation> accept(String email, String userId) {
                    invitations.accept(email, userId);
                    throw new StoreUnavailableException(new IllegalStateException("connection lost"));
                }
            };
        }

        @Override
        public void publishChange(String userId) {
            tx.publishChange(userId);
        }
    }
}
