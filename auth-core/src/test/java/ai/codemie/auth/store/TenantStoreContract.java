package ai.codemie.auth.store;

import static ai.codemie.auth.store.UserStoreContract.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.model.PermissionPattern;
import ai.codemie.auth.model.TenantDefinition;
import ai.codemie.auth.model.TenantRole;
import ai.codemie.auth.store.UserStoreContract.RecordingListener;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every {@link UserStore} must do with tenants, their roles, memberships and invitations, as one suite that each
 * implementation runs by extending this class. Published in auth-core's test jar.
 */
public abstract class TenantStoreContract extends EmptyStorePerTest {

    @Test
    void keepsATenantWithItsBoundaryAndADisplayNameThatDefaultsToItsId() {
        write(tx -> {
            assertThat(tx.tenants().insert(Tenant.of("acme", patterns("agent:*", "kb:read")))).isTrue();
            assertThat(tx.tenants().insert(Tenant.of(Tenant.DEFAULT_ID, List.of()))).isTrue();
            assertThat(tx.tenants().insert(new Tenant("acme", "Again", List.of()))).isFalse();
        });

        assertThat(read((StoreTransaction tx) -> tx.tenants().list())).containsExactly(
                new Tenant("acme", "acme", patterns("agent:*", "kb:read")),
                new Tenant(Tenant.DEFAULT_ID, "Default", List.of()));
    }

    @Test
    void renamesATenantAndReplacesItsBoundary() {
        write(tx -> tx.tenants().insert(Tenant.of("acme", patterns("agent:*"))));

        write(tx -> {
            assertThat(tx.tenants().rename("acme", "Acme Corp")).isTrue();
            assertThat(tx.tenants().setBoundary("acme", patterns("kb:read:Docs"))).isTrue();
            assertThat(tx.tenants().rename("nobody", "x")).isFalse();
        });

        assertThat(read((StoreTransaction tx) -> tx.tenants().find("acme")))
                .contains(new Tenant("acme", "Acme Corp", patterns("kb:read:Docs")));
        assertThat(read((StoreTransaction tx) -> tx.tenants().definition("acme")).orElseThrow().boundary())
                .isEqualTo(patterns("kb:read:Docs"));
    }

    @Test
    void keepsRolesInCreationOrderAsWrittenAndRefusesTheSameNameInAnotherCase() {
        write(tx -> {
            tx.tenants().insert(Tenant.of("acme", List.of()));
            assertThat(tx.tenants().insertRole(role("acme", "Support Desk", "agent:chat"))).isTrue();
            assertThat(tx.tenants().insertRole(new StoredRole("acme", "auditor", "reads logs", patterns()))).isTrue();
            assertThat(tx.tenants().insertRole(role("acme", "SUPPORT desk", "kb:*"))).isFalse();
        });

        assertThat(read((StoreTransaction tx) -> tx.tenants().roles("acme"))).containsExactly(
                new StoredRole("acme", "Support Desk", "", patterns("agent:chat")),
                new StoredRole("acme", "auditor", "reads logs", List.of()));
        TenantDefinition definition = read((StoreTransaction tx) -> tx.tenants().definition("acme")).orElseThrow();
        assertThat(definition.roles()).containsExactly(TenantRole.of("Support Desk", "agent:chat"),
                TenantRole.of("auditor"));
    }

    @Test
    void editsARolesPatternsAndDescriptionKeepingItsNameAsWritten() {
        write(tx -> {
            tx.tenants().insert(Tenant.of("acme", List.of()));
            tx.tenants().insertRole(role("acme", "Editor", "kb:read"));
        });

        write(tx -> assertThat(tx.tenants().updateRole(new StoredRole("acme", "editor", "writes",
                patterns("kb:read", "kb:write")))).isTrue());

        assertThat(read((StoreTransaction tx) -> tx.tenants().roles("acme")))
                .containsExactly(new StoredRole("acme", "Editor", "writes", patterns("kb:read", "kb:write")));
        assertThat(read((StoreTransaction tx) -> tx.tenants().updateRole(role("acme", "ghost")))).isFalse();
    }

    @Test
    void renamingARoleKeepsItsMembersAndInvitations() {
        String user = newId();
        write(tx -> {
            tx.tenants().insert(Tenant.of("acme", List.of()));
            tx.tenants().insertRole(role("acme", "editor", "kb:write"));
            tx.tenants().insertRole(role("acme", "viewer", "kb:read"));
            tx.tenants().addRoles("acme", user, List.of("EDITOR"));
            tx.invitations().insert(new Invitation("acme", "new@example.com", "New", List.of("editor")));
        });

        write(tx -> {
            assertThat(tx.tenants().renameRole("acme", "viewer", "Editor")).isFalse();
            assertThat(tx.tenants().renameRole("acme", "editor", "Writer")).isTrue();
        });

        assertThat(read((StoreTransaction tx) -> tx.tenants().membershipsOf(user)))
                .containsExactly(new TenantMembership("acme", user, List.of("Writer")));
        assertThat(read((StoreTransaction tx) -> tx.invitations().list("acme")))
                .containsExactly(new Invitation("acme", "new@example.com", "New", List.of("Writer")));
    }

    @Test
    void deletingARoleTakesItFromEveryMemberAndInvitation() {
        String ada = newId();
        String bob = newId();
        write(tx -> {
            tx.tenants().insert(Tenant.of("acme", List.of()));
            tx.tenants().insertRole(role("acme", "editor", "kb:write"));
            tx.tenants().insertRole(role("acme", "viewer", "kb:read"));
            tx.tenants().addRoles("acme", ada, List.of("editor", "viewer"));
            tx.tenants().addRoles("acme", bob, List.of("editor"));
            tx.invitations().insert(new Invitation("acme", "new@example.com", null, List.of("editor", "viewer")));
        });

        write(tx -> assertThat(tx.tenants().deleteRole("acme", "Editor")).isTrue());

        assertThat(read((StoreTransaction tx) -> tx.tenants().members("acme"))).containsExactlyInAnyOrder(
                new TenantMembership("acme", ada, List.of("viewer")), new TenantMembership("acme", bob, List.of()));
        assertThat(read((StoreTransaction tx) -> tx.invitations().list("acme")))
                .containsExactly(new Invitation("acme", "new@example.com", null, List.of("viewer")));
        assertThat(read((StoreTransaction tx) -> tx.tenants().deleteRole("acme", "editor"))).isFalse();
    }

    @Test
    void addsRemovesAndReplacesAMembersRoles() {
        String user = newId();
        write(tx -> {
            tx.tenants().insert(Tenant.of("acme", List.of()));
            tx.tenants().insert(Tenant.of("beta", List.of()));
            tx.tenants().insertRole(role("acme", "a"));
            tx.tenants().insertRole(role("acme", "b"));
            tx.tenants().insertRole(role("acme", "c"));
        });

        write(tx -> {
            assertThat(tx.tenants().addMember("beta", user)).isTrue();
            assertThat(tx.tenants().addMember("beta", user)).isFalse();
            assertThat(tx.tenants().addRoles("acme", user, List.of("a", "b"))).isTrue();
            assertThat(tx.tenants().addRoles("acme", user, List.of("A"))).isFalse();
        });
        assertThat(read((StoreTransaction tx) -> tx.tenants().membershipsOf(user))).containsExactly(
                new TenantMembership("acme", user, List.of("a", "b")), new TenantMembership("beta", user, List.of()));

        write(tx -> {
            assertThat(tx.tenants().removeRoles("acme", user, List.of("a", "c"))).isTrue();
            assertThat(tx.tenants().removeRoles("acme", user, List.of("c"))).isFalse();
        });
        assertThat(read((StoreTransaction tx) -> tx.tenants().membershipsOf(user)).get(0).roleNames()).containsExactly("b");

        write(tx -> {
            assertThat(tx.tenants().replaceRoles("acme", user, List.of("c", "a"))).isTrue();
            assertThat(tx.tenants().replaceRoles("acme", user, List.of("a", "c"))).isFalse();
        });
        assertThat(read((StoreTransaction tx) -> tx.tenants().membershipsOf(user)).get(0).roleNames()).containsExactly("a", "c");

        write(tx -> {
            assertThat(tx.tenants().removeMember("acme", user)).isTrue();
            assertThat(tx.tenants().removeMember("acme", user)).isFalse();
        });
        assertThat(read((StoreTransaction tx) -> tx.tenants().membershipsOf(user)))
                .containsExactly(new TenantMembership("beta", user, List.of()));
    }

    @Test
    void refusesARoleOrTenantThatDoesNotExistAndWritesNothing() {
        String user = newId();
        write(tx -> {
            tx.tenants().insert(Tenant.of("acme", List.of()));
            tx.tenants().insertRole(role("acme", "a"));
        });

        assertThatThrownBy(() -> write(tx -> tx.tenants().addRoles("acme", user, List.of("a", "ghost"))))
                .isInstanceOf(InvalidStoreDataException.class).hasMessageContaining("ghost");
        assertThatThrownBy(() -> write(tx -> tx.tenants().addMember("nowhere", user)))
                .isInstanceOf(InvalidStoreDataException.class).hasMessageContaining("nowhere");
        assertThatThrownBy(() -> write(tx -> tx.tenants().insertRole(role("nowhere", "a"))))
                .isInstanceOf(InvalidStoreDataException.class);
        assertThat(read((StoreTransaction tx) -> tx.tenants().membershipsOf(user))).isEmpty();
    }

    @Test
    void changesTheRolesOfManyMembersInOneCallLeavingNonMembersAlone() {
        String ada = newId();
        String bob = newId();
        String stranger = newId();
        write(tx -> {
            tx.tenants().insert(Tenant.of("acme", List.of()));
            tx.tenants().insertRole(role("acme", "a"));
            tx.tenants().insertRole(role("acme", "b"));
            tx.tenants().addRoles("acme", ada, List.of("a"));
            tx.tenants().addRoles("acme", bob, List.of("b"));
        });

        Set<String> changed = read((StoreTransaction tx) -> tx.tenants().changeRoles("acme", List.of(ada, bob, stranger),
                List.of("b"), List.of("a")));

        assertThat(changed).containsExactly(ada);
        assertThat(read((StoreTransaction tx) -> tx.tenants().members("acme"))).containsExactlyInAnyOrder(
                new TenantMembership("acme", ada, List.of("b")), new TenantMembership("acme", bob, List.of("b")));
        assertThat(read((StoreTransaction tx) -> tx.tenants().membershipsOf(stranger))).isEmpty();
    }

    @Test
    void addsRolesToManyUsersInOneCallMakingMembersOfNonMembers() {
        String ada = newId();
        String bob = newId();
        String carol = newId();
        write(tx -> {
            tx.tenants().insert(Tenant.of("acme", List.of()));
            tx.tenants().insertRole(role("acme", "a"));
            tx.tenants().insertRole(role("acme", "b"));
            tx.tenants().addRoles("acme", ada, List.of("a"));
            tx.tenants().addRoles("acme", bob, List.of("a", "b"));
        });

        Set<String> changed = read((StoreTransaction tx) -> tx.tenants().addRoles("acme", java.util.Map.of(
                ada, List.of("B"), bob, List.of("a"), carol, List.of())));

        assertThat(changed).containsExactlyInAnyOrder(ada, carol);
        assertThat(read((StoreTransaction tx) -> tx.tenants().members("acme"))).containsExactlyInAnyOrder(
                new TenantMembership("acme", ada, List.of("a", "b")),
                new TenantMembership("acme", bob, List.of("a", "b")),
                new TenantMembership("acme", carol, List.of()));
        assertThatThrownBy(() -> write(tx -> tx.tenants().addRoles("acme", java.util.Map.of(newId(),
                List.of("ghost"))))).isInstanceOf(InvalidStoreDataException.class);
    }

    @Test
    void mergesInvitationsCreatingNewOnesAndGivingPendingOnesTheRolesTheyLack() {
        write(tx -> {
            tx.tenants().insert(Tenant.of("acme", List.of()));
            tx.tenants().insertRole(role("acme", "a"));
            tx.tenants().insertRole(role("acme", "b"));
            tx.invitations().insert(new Invitation("acme", "Ada@Example.com", "Ada", List.of("a")));
            tx.invitations().insert(new Invitation("acme", "bob@example.com", null, List.of("a", "b")));
        });

        int changed = read((StoreTransaction tx) -> tx.invitations().merge(List.of(
                new Invitation("acme", "ada@example.com", "Other", List.of("b")),
                new Invitation("acme", "BOB@example.com", null, List.of("A")),
                new Invitation("acme", "eve@example.com", "Eve", List.of("b")))));

        assertThat(changed).isEqualTo(2);
        assertThat(read((StoreTransaction tx) -> tx.invitations().list("acme"))).containsExactly(
                new Invitation("acme", "Ada@Example.com", "Ada", List.of("a", "b")),
                new Invitation("acme", "bob@example.com", null, List.of("a", "b")),
                new Invitation("acme", "eve@example.com", "Eve", List.of("b")));
        assertThatThrownBy(() -> write(tx -> tx.invitations().merge(List.of(new Invitation("acme", "x@example.com",
                null, List.of("ghost")))))).isInstanceOf(InvalidStoreDataException.class);
        assertThat(read((StoreTransaction tx) -> tx.invitations().list("acme"))).hasSize(3);
    }

    @Test
    void invitationsAreKeptByEmailIgnoringCaseAndBecomeMembershipsOnceAccepted() {
        String user = newId();
        write(tx -> {
            tx.tenants().insert(Tenant.of("acme", List.of()));
            tx.tenants().insert(Tenant.of("beta", List.of()));
            tx.tenants().insertRole(role("acme", "a"));
            tx.tenants().insertRole(role("acme", "b"));
            tx.tenants().addRoles("acme", user, List.of("b"));
            assertThat(tx.invitations().insert(new Invitation("acme", "Ada@Example.com", "Ada", List.of("a"))))
                    .isTrue();
            assertThat(tx.invitations().insert(new Invitation("acme", "ada@example.COM", null, List.of())))
                    .isFalse();
            tx.invitations().insert(new Invitation("beta", "ada@example.com", null, List.of()));
            tx.invitations().insert(new Invitation("beta", "eve@example.com", null, List.of()));
        });
        assertThat(read((StoreTransaction tx) -> tx.invitations().forEmail("ADA@example.com"))).containsExactly(
                new Invitation("acme", "Ada@Example.com", "Ada", List.of("a")),
                new Invitation("beta", "ada@example.com", null, List.of()));

        List<Invitation> accepted = read((StoreTransaction tx) -> tx.invitations().accept("ada@example.com", user));

        assertThat(accepted).hasSize(2);
        assertThat(read((StoreTransaction tx) -> tx.tenants().membershipsOf(user))).containsExactly(
                new TenantMembership("acme", user, List.of("a", "b")), new TenantMembership("beta", user, List.of()));
        assertThat(read((StoreTransaction tx) -> tx.invitations().forEmail("ada@example.com"))).isEmpty();
        write(tx -> {
            assertThat(tx.invitations().revoke("beta", "EVE@example.com")).isTrue();
            assertThat(tx.invitations().revoke("beta", "eve@example.com")).isFalse();
        });
        assertThat(read((StoreTransaction tx) -> tx.invitations().list("beta"))).isEmpty();
    }

    @Test
    void remembersThatAUserWasJoinedToTheDefaultTenant() {
        String user = newId();

        assertThat(read((StoreTransaction tx) -> tx.tenants().markJoinedDefaultTenant(user))).isTrue();

        assertThat(read((StoreTransaction tx) -> tx.tenants().markJoinedDefaultTenant(user))).isFalse();
        assertThat(read((StoreTransaction tx) -> tx.tenants().joinedDefaultTenant(user))).isTrue();
        assertThat(read((StoreTransaction tx) -> tx.tenants().joinedDefaultTenant(newId()))).isFalse();
    }

    @Test
    void aFailedTransactionLeavesNoTenantWriteBehind() {
        String user = newId();
        write(tx -> {
            tx.tenants().insert(Tenant.of("acme", patterns("agent:*")));
            tx.tenants().insertRole(role("acme", "a", "agent:chat"));
        });

        assertThatThrownBy(() -> write(tx -> {
            tx.tenants().setBoundary("acme", List.of());
            tx.tenants().deleteRole("acme", "a");
            tx.tenants().insert(Tenant.of("beta", List.of()));
            tx.tenants().addMember("acme", user);
            tx.tenants().markJoinedDefaultTenant(user);
            throw new IllegalStateException("abort");
        })).hasMessage("abort");

        assertThat(read((StoreTransaction tx) -> tx.tenants().definition("acme"))).contains(TenantDefinition.of("acme",
                patterns("agent:*"), List.of(TenantRole.of("a", "agent:chat"))));
        assertThat(read((StoreTransaction tx) -> tx.tenants().list())).hasSize(1);
        assertThat(read((StoreTransaction tx) -> tx.tenants().membershipsOf(user))).isEmpty();
        assertThat(read((StoreTransaction tx) -> tx.tenants().joinedDefaultTenant(user))).isFalse();
    }

    @Test
    void announcesADefinitionChangeAsTheTenantAndAMembershipChangeAsTheUser() throws Exception {
        String user = newId();
        List<String> tenants = List.of("added", "edited", "renamed", "bounded", "deleted");
        write(tx -> tenants.forEach(id -> {
            tx.tenants().insert(Tenant.of(id, List.of()));
            if (!id.equals("added")) {
                tx.tenants().insertRole(role(id, "a"));
            }
        }));
        RecordingListener listener = new RecordingListener();
        // a database store may deliver a change twice (in-process and from the database): each write is told apart
        // by its own tenant or user, and nothing announces everything
        try (AutoCloseable subscription = store.changeFeed().subscribe(listener)) {
            write(tx -> tx.tenants().insertRole(role("added", "a")));
            assertThat(listener.awaitEvent("tenant:added")).doesNotContain(UserStoreContract.EVERYTHING);
            write(tx -> tx.tenants().updateRole(role("edited", "a", "kb:read")));
            assertThat(listener.awaitEvent("tenant:edited")).doesNotContain(UserStoreContract.EVERYTHING);
            write(tx -> tx.tenants().renameRole("renamed", "a", "b"));
            assertThat(listener.awaitEvent("tenant:renamed")).doesNotContain(UserStoreContract.EVERYTHING);
            write(tx -> tx.tenants().setBoundary("bounded", patterns("kb:*")));
            assertThat(listener.awaitEvent("tenant:bounded")).doesNotContain(UserStoreContract.EVERYTHING);
            write(tx -> tx.tenants().deleteRole("deleted", "a"));
            assertThat(listener.awaitEvent("tenant:deleted")).doesNotContain(UserStoreContract.EVERYTHING);

            write(tx -> tx.tenants().addRoles("edited", user, List.of("a")));
            assertThat(listener.awaitEvent(user)).doesNotContain(UserStoreContract.EVERYTHING);
            write(tx -> tx.tenants().removeMember("edited", user));
            assertThat(listener.awaitEvent(user)).doesNotContain(UserStoreContract.EVERYTHING);
        }
    }

    static List<PermissionPattern> patterns(String... texts) {
        return PermissionPattern.parseAll(List.of(texts));
    }

    static StoredRole role(String tenantId, String name, String... patterns) {
        return new StoredRole(tenantId, name, "", patterns(patterns));
    }

    private void write(java.util.function.Consumer<StoreTransaction> work) {
        store.inTransaction(tx -> {
            work.accept(tx);
            return null;
        });
    }

    private <T> T read(UserStore.StoreWork<T> work) {
        return store.inTransaction(work);
    }
}
