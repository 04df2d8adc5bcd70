package ai.codemie.auth.admin.tenant;

import static ai.codemie.auth.admin.tenant.TenantAdminFixture.ACME;
import static ai.codemie.auth.admin.tenant.TenantAdminFixture.BETA;
import static ai.codemie.auth.admin.tenant.TenantAdminFixture.GAMMA;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.audit.AuditEvent;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.error.Problem.Status;
import ai.codemie.auth.model.InvalidSyntaxException;
import ai.codemie.auth.policy.AccessExplanation;
import ai.codemie.auth.policy.DenyReason;
import ai.codemie.auth.policy.Requirements;
import ai.codemie.auth.resolve.PlatformFixture;
import ai.codemie.auth.store.InMemoryUserStore;
import ai.codemie.auth.store.Invitation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Who may administer a tenant and how: the reserved permissions in the tenant named, the platform admins' bypass, the
 * no-escalation rule, the order of the refusals, the effect on the next request, and one audit event per change.
 */
class TenantAdministrationTest {

    private final TenantAdminFixture f = new TenantAdminFixture(new InMemoryUserStore());
    private final TenantAdministration tenants = f.tenants;

    @AfterEach
    void close() {
        f.close();
    }

    // ---- switched off

    @Test
    void everyOperationIsRefusedWhileTenantsAreOffOrInKeycloakManagedMode() {
        for (AuthSettings off : List.of(PlatformFixture.settings(),
                PlatformFixture.settings(b -> b.set(AuthSettings.TENANTS_ENABLED, true)
                        .set(AuthSettings.ENABLE_USER_MANAGEMENT, false)))) {
            try (TenantAdminFixture disabled = new TenantAdminFixture(new InMemoryUserStore(), off)) {
                TenantAdministration api = disabled.tenants;
                var owner = disabled.as(disabled.admin);
                disabled.assertRefused(() -> api.myTenants(owner), Status.BAD_REQUEST, "Tenants not enabled");
                disabled.assertRefused(() -> api.createTenant(owner, "x", null, List.of()), Status.BAD_REQUEST,
                        "Tenants not enabled");
                disabled.assertRefused(() -> api.listRoles(owner, "NOT VALID"), Status.BAD_REQUEST,
                        "Tenants not enabled");
                disabled.assertRefused(() -> api.explain(owner, ACME, "agent:chat", null), Status.BAD_REQUEST,
                        "Tenants not enabled");
            }
        }
    }

    // ---- who may

    @Test
    void reservedPermissionsAreCheckedInTheTenantOfTheCallNotAnother() {
        // the viewer owns beta (*:*) but holds only tenant.users:view in acme
        assertThat(tenants.addMember(f.as(f.viewer), BETA, f.alice, null, List.of("Owner")).roles())
                .containsExactly("Owner");

        f.assertDenied(() -> tenants.addMember(f.as(f.viewer), ACME, f.carol, null, List.of()), "no_role_grants",
                "None of your roles in the tenant 'acme' grants 'tenant.users:manage'.");
        f.assertDenied(() -> tenants.listRoles(f.as(f.viewer), ACME), "no_role_grants",
                "None of your roles in the tenant 'acme' grants 'tenant.roles:view'.");
        assertThat(tenants.listMembers(f.as(f.viewer), ACME)).extracting(MemberView::userId).contains(f.alice);
    }

    @Test
    void reservedPermissionsGoThroughTheBoundaryLikeAnyOther() {
        // gamma's boundary allows agent:* only, so its Owner (*:*) administers nothing there
        f.assertDenied(() -> tenants.listMembers(f.as(f.viewer), GAMMA), "outside_tenant_boundary",
                "The tenant 'gamma' does not allow 'tenant.users:view', whatever the role.");
    }

    @Test
    void aNonMemberGetsTheSameRefusalForAnUnknownTenantAsForAForeignOne() {
        f.assertDenied(() -> tenants.listMembers(f.as(f.outsider), ACME), "not_tenant_member",
                "You are not a member of the tenant 'acme'.");
        f.assertDenied(() -> tenants.listMembers(f.as(f.outsider), "nowhere"), "not_tenant_member",
                "You are not a member of the tenant 'nowhere'.");
        f.assertDenied(() -> tenants.getTenant(f.as(f.outsider), "nowhere"), "not_tenant_member",
                "You are not a member of the tenant 'nowhere'.");
        f.assertRefused(() -> tenants.listMembers(f.as(f.admin), "nowhere"), Status.NOT_FOUND, "Tenant not found");
        f.assertRefused(() -> tenants.getTenant(f.as(f.admin), "nowhere"), Status.NOT_FOUND, "Tenant not found");
    }

    @Test
    void checkingAccessAloneRefusesAsTheOperationWouldAndChangesNothing() {
        List<MemberView> before = tenants.listMembers(f.as(f.admin), ACME);

        f.assertDenied(() -> tenants.checkAccess(f.as(f.outsider), "nowhere", TenantOperation.MANAGE_USERS),
                "not_tenant_member", "You are not a member of the tenant 'nowhere'.");
        f.assertDenied(() -> tenants.checkAccess(f.as(f.viewer), ACME, TenantOperation.MANAGE_USERS),
                "no_role_grants", "None of your roles in the tenant 'acme' grants 'tenant.users:manage'.");
        f.assertDenied(() -> tenants.checkAccess(f.as(f.viewer), ACME, TenantOperation.MANAGE_ROLES),
                "no_role_grants", "None of your roles in the tenant 'acme' grants 'tenant.roles:manage'.");
        f.assertRefused(() -> tenants.checkAccess(f.as(f.owner), ACME, TenantOperation.UPDATE_TENANT),
                Status.FORBIDDEN, "Access denied");
        f.assertRefused(() -> tenants.checkAccess(f.as(f.owner), null, TenantOperation.CREATE_TENANT),
                Status.FORBIDDEN, "Access denied");
        f.assertRefused(() -> tenants.checkAccess(f.as(f.admin), "nowhere", TenantOperation.UPDATE_TENANT),
                Status.NOT_FOUND, "Tenant not found");
        f.assertRefused(() -> tenants.checkAccess(f.as(f.admin), "nowhere", TenantOperation.MANAGE_ROLES),
                Status.NOT_FOUND, "Tenant not found");
        assertThatThrownBy(() -> tenants.checkAccess(f.as(f.admin), "Not Valid", TenantOperation.MANAGE_USERS))
                .isInstanceOf(InvalidSyntaxException.class);

        tenants.checkAccess(f.as(f.owner), ACME, TenantOperation.MANAGE_USERS);
        tenants.checkAccess(f.as(f.owner), ACME, TenantOperation.MANAGE_ROLES);
        tenants.checkAccess(f.as(f.admin), ACME, TenantOperation.UPDATE_TENANT);
        tenants.checkAccess(f.as(f.admin), null, TenantOperation.CREATE_TENANT);
        assertThat(tenants.listMembers(f.as(f.admin), ACME)).isEqualTo(before);
    }

    @Test
    void platformAdminsAdministerEveryTenantWithoutTheEscalationCheck() {
        var admin = f.as(f.admin);
        assertThat(admin.tenants()).as("the admin is a member of no tenant").isEmpty();

        RoleView everything = tenants.createRole(admin, ACME, "Everything", null, List.of("*:*"));
        tenants.addMember(admin, ACME, f.carol, null, List.of("Everything"));

        assertThat(everything.permissions()).containsExactly("*:*");
        assertThat(f.decide(f.carol, ACME, "kb:write").allowed()).isTrue();
        assertThat(tenants.listMembers(admin, ACME)).extracting(MemberView::userId).contains(f.carol);
        assertThat(tenants.getTenant(admin, GAMMA).boundary()).containsExactly("agent:*");
        assertThat(f.decide(f.admin, ACME, "kb:read").reason()).as("administration is not use")
                .isInstanceOf(DenyReason.NotTenantMember.class);
    }

    @Test
    void onlyPlatformAdminsCreateTenantsAndChangeTheirNameAndBoundary() {
        String details = Requirements.ADMIN_DETAILS;
        f.assertDenied(() -> tenants.createTenant(f.as(f.owner), "new", null, List.of("*:*")), "not_admin",
                details);
        f.assertDenied(() -> tenants.updateTenant(f.as(f.owner), ACME, "Mine", null), "not_admin", details);
        f.assertDenied(() -> tenants.updateTenant(f.as(f.outsider), ACME, "Mine", null), "not_tenant_member",
                "You are not a member of the tenant 'acme'.");

        TenantView created = tenants.createTenant(f.as(f.admin), "new", null, List.of("agent:chat", "kb:*"));
        assertThat(created).isEqualTo(new TenantView("new", "new", List.of("agent:chat", "kb:*")));
        f.assertRefused(() -> tenants.createTenant(f.as(f.admin), "new", "Again", List.of()), Status.CONFLICT,
                "Tenant already exists");
        assertThatThrownBy(() -> tenants.createTenant(f.as(f.admin), "New!", null, List.of()))
                .isInstanceOf(InvalidSyntaxException.class).hasMessageContaining("'New!'");
        assertThatThrownBy(() -> tenants.createTenant(f.as(f.admin), "other", null, List.of("agent:**")))
                .isInstanceOf(InvalidSyntaxException.class).hasMessageContaining("'agent:**'");

        TenantView renamed = tenants.updateTenant(f.as(f.admin), "new", "New Corp", null);
        assertThat(renamed).isEqualTo(new TenantView("new", "New Corp", List.of("agent:chat", "kb:*")));
        assertThat(tenants.updateTenant(f.as(f.admin), "new", null, List.of("kb:read")).boundary())
                .containsExactly("kb:read");
        f.assertRefused(() -> tenants.updateTenant(f.as(f.admin), "gone", "x", null), Status.NOT_FOUND,
                "Tenant not found");
    }

    @Test
    void aBoundaryChangeDecidesTheNextRequestOfEveryMember() {
        assertThat(f.decide(f.alice, ACME, "agent:chat").allowed()).isTrue();

        tenants.updateTenant(f.as(f.admin), ACME, null, List.of("kb:*", "tenant.users:*", "tenant.roles:*"));

        assertThat(f.decide(f.alice, ACME, "agent:chat").reason()).isInstanceOf(DenyReason.OutsideTenantBoundary.class);
    }

    @Test
    void membersSeeTheirTenantsAndTheTenantTheyBelongTo() {
        assertThat(tenants.myTenants(f.as(f.viewer))).containsExactly(
                new TenantSummary(ACME, ACME, List.of("viewer")), new TenantSummary(BETA, BETA, List.of("Owner")),
                new TenantSummary(GAMMA, GAMMA, List.of("Owner")));
        assertThat(tenants.myTenants(f.as(f.outsider))).isEmpty();
        assertThat(tenants.getTenant(f.as(f.bob), ACME).id()).isEqualTo(ACME);
    }

    // ---- no escalation

    @Test
    void creatingARoleIsRefusedBeyondOnesOwnPermissionsAndAllowedWithinThem() {
        var manager = f.as(f.manager);
        // agent:chat does not cover agent:*: names are unbounded
        f.assertDenied(() -> tenants.createRole(manager, ACME, "wide", null, List.of("agent:chat", "agent:*")),
                "would_escalate", "You cannot give out 'agent:*', which you do not hold in the tenant 'acme'.");
        f.assertDenied(() -> tenants.createRole(manager, ACME, "all", null, List.of("*:*")), "would_escalate",
                "You cannot give out '*:*', which you do not hold in the tenant 'acme'.");

        RoleView narrow = tenants.createRole(manager, ACME, "bots", "chats with bots",
                List.of("agent:chat", "agent:chat:finance-bot", "process:run"));
        assertThat(narrow).isEqualTo(new RoleView("bots", "chats with bots",
                List.of("agent:chat", "agent:chat:finance-bot", "process:run"), List.of("process:run")));
    }

    @Test
    void aTenantFullAdministratorHoldingStarStarGivesOutAllTheBoundaryAllows() {
        var owner = f.as(f.owner);

        RoleView all = tenants.createRole(owner, ACME, "all", null, List.of("*:*"));
        tenants.addMember(owner, ACME, f.carol, null, List.of("all", "agent-all"));

        assertThat(all.outsideBoundary()).containsExactly("*:*");
        assertThat(f.decide(f.carol, ACME, "kb:delete:x").allowed()).isTrue();
        assertThat(f.decide(f.carol, ACME, "process:run").reason()).isInstanceOf(DenyReason.OutsideTenantBoundary.class);
    }

    @Test
    void editingARolesPatternsIsCheckedButRenamingAndDescribingItAreNot() {
        var manager = f.as(f.manager);
        f.assertDenied(() -> tenants.updateRole(manager, ACME, "chatter", null, null, List.of("agent:*")),
                "would_escalate", "You cannot give out 'agent:*', which you do not hold in the tenant 'acme'.");
        // agent-all holds agent:*, which the manager lacks: a new name or description checks nothing
        RoleView renamed = tenants.updateRole(manager, ACME, "AGENT-ALL", "Agent Operator", "runs agents", null);

        assertThat(renamed).isEqualTo(new RoleView("Agent Operator", "runs agents", List.of("agent:*"), List.of()));
        RoleView narrowed = tenants.updateRole(manager, ACME, "chatter", null, null,
                List.of("agent:chat:finance-bot"));
        assertThat(narrowed.permissions()).containsExactly("agent:chat:finance-bot");
        assertThat(f.decide(f.alice, ACME, "agent:chat:other-bot").allowed()).isFalse();
        assertThat(f.decide(f.alice, ACME, "agent:chat:finance-bot").allowed()).isTrue();
    }

    @Test
    void assigningChecksOnlyTheRolesNewlyGiven() {
        var manager = f.as(f.manager);
        f.assertDenied(() -> tenants.addMember(manager, ACME, f.carol, null, List.of("chatter", "agent-all")),
                "would_escalate", "You cannot give out 'agent:*', which you do not hold in the tenant 'acme'.");
        f.assertDenied(() -> tenants.replaceRoles(manager, ACME, f.bob, List.of("agent-all")), "would_escalate",
                "You cannot give out 'agent:*', which you do not hold in the tenant 'acme'.");
        // the manager may give themselves nothing they lack either
        f.assertDenied(() -> tenants.replaceRoles(manager, ACME, f.manager, List.of("Chat Manager", "Owner")),
                "would_escalate", "You cannot give out '*:*', which you do not hold in the tenant 'acme'.");

        tenants.replaceRoles(f.as(f.admin), ACME, f.bob, List.of("agent-all"));
        MemberRoles kept = tenants.replaceRoles(manager, ACME, f.bob, List.of(" AGENT-ALL ", "chatter"));

        assertThat(kept).isEqualTo(new MemberRoles(f.bob, List.of("chatter", "agent-all")));
        assertThat(tenants.addMember(manager, ACME, null, "CAROL@acme.TEST", List.of("chatter")))
                .isEqualTo(new MemberRoles(f.carol, List.of("chatter")));
        assertThat(f.decide(f.carol, ACME, "agent:chat").allowed()).isTrue();
    }

    // ---- roles

    @Test
    void roleNamesAreUniqueIgnoringCaseAndKeptAsWritten() {
        var owner = f.as(f.owner);
        f.assertRefused(() -> tenants.createRole(owner, ACME, "READER", null, List.of("kb:read")), Status.CONFLICT,
                "Role already exists");
        f.assertRefused(() -> tenants.updateRole(owner, ACME, "chatter", "Reader", null, null), Status.CONFLICT,
                "Role already exists");

        assertThat(tenants.updateRole(owner, ACME, "reader", "Reader", null, null).name()).isEqualTo("Reader");
        assertThat(tenants.listRoles(owner, ACME)).extracting(RoleView::name).containsExactly("Owner",
                "Chat Manager", "chatter", "agent-all", "Reader", "viewer");
        assertThatThrownBy(() -> tenants.createRole(owner, ACME, "bad/name", null, List.of()))
                .isInstanceOf(InvalidSyntaxException.class).hasMessageContaining("'bad/name'");
        f.assertRefused(() -> tenants.deleteRole(owner, ACME, "ghost"), Status.NOT_FOUND, "Role not found");
        f.assertRefused(() -> tenants.updateRole(owner, ACME, "ghost", null, "x", null), Status.NOT_FOUND,
                "Role not found");
    }

    @Test
    void renamingARoleKeepsItsHolders() {
        tenants.updateRole(f.as(f.owner), ACME, "chatter", "Chat User", null, null);

        assertThat(f.as(f.alice).tenant(ACME).orElseThrow().roleNames()).containsExactly("Chat User");
        assertThat(f.decide(f.alice, ACME, "agent:chat").allowed()).isTrue();
    }

    @Test
    void deletingARoleTakesItFromEveryHolderOnTheNextRequest() {
        assertThat(f.decide(f.alice, ACME, "agent:chat").allowed()).isTrue();

        tenants.deleteRole(f.as(f.owner), ACME, "Chatter");

        assertThat(f.decide(f.alice, ACME, "agent:chat").reason()).isInstanceOf(DenyReason.NoRoleGrants.class);
        assertThat(f.storedRoles(ACME, f.alice)).isEmpty();
        assertThat(tenants.listRoles(f.as(f.owner), ACME)).extracting(RoleView::name).doesNotContain("chatter");
    }

    // ---- members

    @Test
    void membersAreAddedByIdOrEmailOnceAndRemovedWithTheirRoles() {
        var owner = f.as(f.owner);
        f.assertRefused(() -> tenants.addMember(owner, ACME, f.alice, null, List.of()), Status.CONFLICT,
                "User is already a member");
        f.assertRefused(() -> tenants.addMember(owner, ACME, FixtureIds.UNKNOWN, null, List.of()), Status.NOT_FOUND,
                "User not found");
        f.assertRefused(() -> tenants.addMember(owner, ACME, null, "nobody@acme.test", List.of()), Status.NOT_FOUND,
                "User not found");
        f.assertRefused(() -> tenants.addMember(owner, ACME, f.carol, null, List.of("ghost")), Status.BAD_REQUEST,
                "Unknown role");
        f.assertRefused(() -> tenants.removeMember(owner, ACME, f.carol), Status.NOT_FOUND, "User not found");
        f.assertRefused(() -> tenants.replaceRoles(owner, ACME, f.carol, List.of()), Status.NOT_FOUND,
                "User not found");

        tenants.removeMember(owner, ACME, f.alice);

        assertThat(f.storedRoles(ACME, f.alice)).isNull();
        assertThat(f.decide(f.alice, ACME, "agent:chat").reason()).isInstanceOf(DenyReason.NotTenantMember.class);
        assertThat(tenants.listMembers(owner, ACME)).extracting(MemberView::userId).doesNotContain(f.alice);
    }

    @Test
    void listsMembersWithTheirEmailNameAndRoles() {
        assertThat(tenants.listMembers(f.as(f.manager), ACME)).contains(
                new MemberView(f.alice, "Alice@Acme.test", "Alice", List.of("chatter")),
                new MemberView(f.bob, "bob@acme.test", null, List.of()));
    }

    @Test
    void refusalsComeInTheirDocumentedOrder() {
        var manager = f.as(f.manager);
        // not a member, before a malformed body
        f.assertDenied(() -> tenants.createRole(f.as(f.outsider), ACME, "bad/name", null, List.of("**")),
                "not_tenant_member", "You are not a member of the tenant 'acme'.");
        // the reserved permission, before an unknown role
        f.assertDenied(() -> tenants.addMember(f.as(f.alice), ACME, f.carol, null, List.of("ghost")),
                "no_role_grants", "None of your roles in the tenant 'acme' grants 'tenant.users:manage'.");
        // a malformed path, before membership
        assertThatThrownBy(() -> tenants.deleteRole(f.as(f.outsider), ACME, "bad/name"))
                .isInstanceOf(InvalidSyntaxException.class);
        // an unknown role, before an unknown user
        f.assertRefused(() -> tenants.addMember(manager, ACME, FixtureIds.UNKNOWN, null, List.of("ghost")),
                Status.BAD_REQUEST, "Unknown role");
        // an unknown user, before escalation
        f.assertRefused(() -> tenants.addMember(manager, ACME, FixtureIds.UNKNOWN, null, List.of("Owner")),
                Status.NOT_FOUND, "User not found");
        // escalation, before a duplicate
        f.assertDenied(() -> tenants.addMember(manager, ACME, f.alice, null, List.of("Owner")), "would_escalate",
                "You cannot give out '*:*', which you do not hold in the tenant 'acme'.");
        f.assertDenied(() -> tenants.createRole(manager, ACME, "chatter", null, List.of("kb:read")),
                "would_escalate", "You cannot give out 'kb:read', which you do not hold in the tenant 'acme'.");
    }

    // ---- invitations

    @Test
    void invitationsAreListedWithViewAndRevokedWithManage() {
        f.write(tx -> tx.invitations().insert(new Invitation(ACME, "New@Acme.test", "New", List.of("reader"))));

        assertThat(tenants.listInvitations(f.as(f.viewer), ACME))
                .containsExactly(new InvitationView("New@Acme.test", "New", List.of("reader")));
        f.assertDenied(() -> tenants.revokeInvitation(f.as(f.viewer), ACME, "new@acme.test"), "no_role_grants",
                "None of your roles in the tenant 'acme' grants 'tenant.users:manage'.");
        f.assertRefused(() -> tenants.revokeInvitation(f.as(f.manager), ACME, "old@acme.test"), Status.NOT_FOUND,
                "Invitation not found");

        tenants.revokeInvitation(f.as(f.manager), ACME, "NEW@acme.test");

        assertThat(tenants.listInvitations(f.as(f.viewer), ACME)).isEmpty();
    }

    // ---- explain

    @Test
    void explainsOneselfWithTheFunctionThatDecidesRequests() {
        AccessExplanation own = tenants.explain(f.as(f.alice), ACME, "agent:chat:bot", null);
        AccessExplanation denied = tenants.explain(f.as(f.alice), ACME, "kb:read", null);

        assertThat(own.allowed()).isTrue();
        assertThat(own.grantingRoles()).containsExactly("chatter");
        assertThat(denied.reason()).isEqualTo(f.decide(f.alice, ACME, "kb:read").reason());
        assertThat(denied.roles()).containsExactly("chatter");
        assertThat(denied.boundaryAllows()).isTrue();
    }

    @Test
    void explainingAnotherUserNeedsUsersViewUnlessAPlatformAdmin() {
        f.assertDenied(() -> tenants.explain(f.as(f.alice), ACME, "agent:chat", f.bob), "no_role_grants",
                "None of your roles in the tenant 'acme' grants 'tenant.users:view'.");

        AccessExplanation byViewer = tenants.explain(f.as(f.viewer), ACME, "agent:chat", f.alice);
        AccessExplanation byAdmin = tenants.explain(f.as(f.admin), ACME, "process:run", f.alice);
        AccessExplanation nonMember = tenants.explain(f.as(f.viewer), ACME, "agent:chat", f.outsider);

        assertThat(byViewer.allowed()).isTrue();
        assertThat(byAdmin.reason()).isInstanceOf(DenyReason.NoRoleGrants.class);
        assertThat(nonMember.reason()).isInstanceOf(DenyReason.NotTenantMember.class);
        assertThat(nonMember.roles()).isEmpty();
        assertThat(nonMember.grantingRoles()).isEmpty();
        f.assertRefused(() -> tenants.explain(f.as(f.viewer), ACME, "agent:chat", FixtureIds.UNKNOWN),
                Status.NOT_FOUND, "User not found");
        assertThatThrownBy(() -> tenants.explain(f.as(f.alice), ACME, "agent:*", null))
                .isInstanceOf(InvalidSyntaxException.class);
        f.assertDenied(() -> tenants.explain(f.as(f.outsider), ACME, "agent:chat", null), "not_tenant_member",
                "You are not a member of the tenant 'acme'.");
    }

    // ---- audit

    @Test
    void everyCommittedChangeIsOneAuditEventAndARefusalNone() {
        var owner = f.as(f.owner);
        tenants.createRole(owner, ACME, "writer", "writes", List.of("kb:write"));
        tenants.updateRole(owner, ACME, "writer", null, null, List.of("kb:write", "kb:read"));
        tenants.addMember(owner, ACME, f.carol, null, List.of("writer"));
        tenants.replaceRoles(owner, ACME, f.carol, List.of("reader"));
        tenants.removeMember(owner, ACME, f.carol);
        tenants.deleteRole(owner, ACME, "writer");
        tenants.listRoles(owner, ACME);
        tenants.listMembers(owner, ACME);

        assertThat(f.events).extracting(AuditEvent::action).containsExactly("tenant.role.create",
                "tenant.role.update", "tenant.member.add", "tenant.member.roles", "tenant.member.remove",
                "tenant.role.delete");
        AuditEvent update = f.events.get(1);
        assertThat(update.actor()).isEqualTo(f.owner);
        assertThat(update.tenant()).isEqualTo(ACME);
        assertThat(update.target()).isEqualTo("writer");
        assertThat(update.before()).isEqualTo(Map.of("name", "writer", "description", "writes", "permissions",
                List.of("kb:write")));
        assertThat(update.after()).containsEntry("permissions", List.of("kb:write", "kb:read"));
        assertThat(f.events.get(3).before()).isEqualTo(Map.of("roles", List.of("writer")));
        assertThat(f.events.get(3).after()).isEqualTo(Map.of("roles", List.of("reader")));
        assertThat(f.events.get(0).at()).isEqualTo(PlatformFixture.NOW);
    }

    /** Ids no user has. */
    static final class FixtureIds {
        static final String UNKNOWN = "00000000-0000-4000-8000-000000000000";

        private FixtureIds() {
        }
    }
}
