package ai.codemie.auth.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.error.AccessDeniedException;
import ai.codemie.auth.error.Problem;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.model.InvalidSyntaxException;
import ai.codemie.auth.model.PermissionPattern;
import ai.codemie.auth.model.PermissionRequest;
import ai.codemie.auth.model.TenantAccess;
import ai.codemie.auth.model.TenantDefinition;
import ai.codemie.auth.model.TenantRole;
import ai.codemie.auth.model.UserIdentity;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TenantPermissionTest {

    /** Agents, one process and member listing exist in finance; knowledge ingestion does not. */
    static final TenantDefinition FINANCE = TenantDefinition.of("finance",
            PermissionPattern.parseAll(List.of("agent:*", "process:run", "tenant.users:view")),
            List.of(TenantRole.of("Agent User", "agent:chat"),
                    TenantRole.of("Runner", "process:*"),
                    TenantRole.of("Ingester", "knowledge:ingest", "process:run:nightly"),
                    TenantRole.of("Tenant Admin", "*:*")));
    /** Everything exists in hr; its "Agent User" only views agents. */
    static final TenantDefinition HR = TenantDefinition.of("hr", PermissionPattern.parseAll(List.of("*:*")),
            List.of(TenantRole.of("Agent User", "agent:view")));

    static final EffectivePermissions ALICE = user("alice").tenants(List.of(
            FINANCE.access(List.of("agent user", "Runner")), HR.access(List.of("Agent User")))).build();
    static final EffectivePermissions BOB_NO_ROLES = user("bob").tenants(List.of(FINANCE.access(List.of()))).build();
    static final EffectivePermissions CAROL = user("carol").tenants(List.of(FINANCE.access(List.of("Ingester"))))
            .build();
    static final EffectivePermissions HR_ONLY = user("dave").tenants(List.of(HR.access(List.of("Agent User"))))
            .build();
    static final EffectivePermissions PLATFORM_ADMIN = user("root").roles(List.of("admin")).admin(true)
            .maintainer(true).build();

    static EffectivePermissions.Builder user(String name) {
        return EffectivePermissions.builder(new UserIdentity("id-" + name, name, null, null, null,
                UserIdentity.REGULAR));
    }

    static Stream<Arguments> decisions() {
        return Stream.of(
                Arguments.of("role and boundary allow", ALICE, "finance", "agent:chat:finance-bot", null,
                        null),
                Arguments.of("a pattern without instance matches a permission without one", ALICE, "finance",
                        "agent:chat", null, null),
                Arguments.of("the same role name grants something else in another tenant", ALICE, "hr",
                        "agent:chat", "no_role_grants", "None of your roles in the tenant 'hr' grants 'agent:chat'."),
                Arguments.of("the other tenant's role grants its own patterns", ALICE, "hr", "agent:view:x", null,
                        null),
                Arguments.of("role grants but the boundary does not", ALICE, "finance", "process:view:p1",
                        "outside_tenant_boundary",
                        "The tenant 'finance' does not allow 'process:view:p1', whatever the role."),
                Arguments.of("roles are checked before the boundary", ALICE, "finance", "knowledge:ingest",
                        "no_role_grants",
                        "None of your roles in the tenant 'finance' grants 'knowledge:ingest'."),
                Arguments.of("a member of another tenant only", HR_ONLY, "finance", "agent:chat",
                        "not_tenant_member", "You are not a member of the tenant 'finance'."),
                Arguments.of("a tenant that does not exist", ALICE, "legal", "agent:chat", "not_tenant_member",
                        "You are not a member of the tenant 'legal'."),
                Arguments.of("a member without roles", BOB_NO_ROLES, "finance", "agent:chat", "no_role_grants",
                        "None of your roles in the tenant 'finance' grants 'agent:chat'."),
                Arguments.of("a platform admin with no tenant role", PLATFORM_ADMIN, "finance", "agent:chat",
                        "not_tenant_member", "You are not a member of the tenant 'finance'."),
                Arguments.of("a pattern naming an instance needs that instance", CAROL, "finance", "process:run",
                        "no_role_grants", "None of your roles in the tenant 'finance' grants 'process:run'."),
                Arguments.of("the instance named by the pattern", CAROL, "finance", "process:run:nightly", null,
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void decidesMembershipThenRolesThenBoundary(String description, EffectivePermissions caller, String tenant,
            String permission, String reason, String details) {
        Decision decision = new Authorizer().decide(caller, Requirements.tenantPermission(tenant, permission));
        assertThat(decision.allowed()).isEqualTo(reason == null);
        if (reason != null) {
            assertThat(decision.reason().code()).isEqualTo(reason);
            assertThat(decision.problem()).isEqualTo(new Problem(Problem.Status.FORBIDDEN, reason, "Access denied",
                    details, null));
        }
        AccessExplanation explanation = AccessExplanation.explain(caller, tenant, PermissionRequest.parse(permission));
        assertThat(explanation.allowed()).isEqualTo(decision.allowed());
        assertThat(explanation.decision()).isEqualTo(decision);
    }

    @Test
    void aDenialCarriesTheRolesAsData() {
        assertThat(reason(ALICE, "hr", "agent:chat"))
                .isEqualTo(new DenyReason.NoRoleGrants("hr", "agent:chat", List.of("Agent User")));
        assertThat(reason(BOB_NO_ROLES, "finance", "agent:chat"))
                .isEqualTo(new DenyReason.NoRoleGrants("finance", "agent:chat", List.of()));
        assertThat(reason(ALICE, "finance", "process:view"))
                .isEqualTo(new DenyReason.OutsideTenantBoundary("finance", "process:view", List.of("Runner")));
        assertThat(reason(PLATFORM_ADMIN, "finance", "agent:chat"))
                .isEqualTo(new DenyReason.NotTenantMember("finance"));
    }

    private static DenyReason reason(EffectivePermissions caller, String tenant, String permission) {
        return new Authorizer().decide(caller, Requirements.tenantPermission(tenant, permission)).reason();
    }

    static Stream<Arguments> explanations() {
        EffectivePermissions everything = user("erin").tenants(List.of(
                FINANCE.access(List.of("Runner", "Tenant Admin", "Ingester")))).build();
        return Stream.of(
                Arguments.of(ALICE, "finance", "agent:chat:x", explanation("finance", "agent:chat:x", null,
                        List.of("Agent User", "Runner"), List.of("Agent User"), true)),
                Arguments.of(ALICE, "hr", "agent:chat", explanation("hr", "agent:chat", "no_role_grants",
                        List.of("Agent User"), List.of(), true)),
                Arguments.of(ALICE, "finance", "process:view", explanation("finance", "process:view",
                        "outside_tenant_boundary", List.of("Agent User", "Runner"), List.of("Runner"), false)),
                Arguments.of(ALICE, "finance", "knowledge:ingest", explanation("finance", "knowledge:ingest",
                        "no_role_grants", List.of("Agent User", "Runner"), List.of(), false)),
                Arguments.of(ALICE, "legal", "agent:chat", explanation("legal", "agent:chat", "not_tenant_member",
                        List.of(), List.of(), false)),
                Arguments.of(PLATFORM_ADMIN, "finance", "agent:chat", explanation("finance", "agent:chat",
                        "not_tenant_member", List.of(), List.of(), false)),
                Arguments.of(BOB_NO_ROLES, "finance", "agent:chat", explanation("finance", "agent:chat",
                        "no_role_grants", List.of(), List.of(), true)),
                Arguments.of(everything, "finance", "process:run:nightly", explanation("finance",
                        "process:run:nightly", null, List.of("Runner", "Ingester", "Tenant Admin"),
                        List.of("Runner", "Ingester", "Tenant Admin"), true)),
                Arguments.of(everything, "finance", "knowledge:ingest", explanation("finance", "knowledge:ingest",
                        "outside_tenant_boundary", List.of("Runner", "Ingester", "Tenant Admin"),
                        List.of("Ingester", "Tenant Admin"), false)));
    }

    /** What an explanation holds, as the troubleshooting answer shows it. */
    record Shown(String tenant, String permission, boolean allowed, String reason, List<String> roles,
            List<String> grantingRoles, boolean boundaryAllows) {
        static Shown of(AccessExplanation e) {
            return new Shown(e.tenant(), e.permission().toString(), e.allowed(),
                    e.reason() == null ? null : e.reason().code(), e.roles(), e.grantingRoles(), e.boundaryAllows());
        }
    }

    static Shown explanation(String tenant, String permission, String reason, List<String> roles,
            List<String> granting, boolean boundary) {
        return new Shown(tenant, permission, reason == null, reason, roles, granting, boundary);
    }

    @ParameterizedTest(name = "{1} {2}: {3}")
    @MethodSource("explanations")
    void explainsEveryCheck(EffectivePermissions caller, String tenant, String permission, Shown expected) {
        assertThat(Shown.of(AccessExplanation.explain(caller, tenant, PermissionRequest.parse(permission))))
                .isEqualTo(expected);
    }

    @Test
    void explainsForAMembershipOrItsAbsence() {
        TenantAccess finance = ALICE.tenant("finance").orElseThrow();
        PermissionRequest chat = PermissionRequest.parse("agent:chat");
        assertThat(AccessExplanation.explain(finance, "finance", chat))
                .isEqualTo(AccessExplanation.explain(ALICE, "finance", chat));
        assertThat(AccessExplanation.explain((TenantAccess) null, "finance", chat).reason())
                .isEqualTo(new DenyReason.NotTenantMember("finance"));
        assertThatThrownBy(() -> AccessExplanation.explain(finance, "hr", chat))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesMalformedTenantsAndPermissionsBeforeDeciding() {
        assertThatThrownBy(() -> Requirements.tenantPermission("Finance", "agent:chat"))
                .isInstanceOf(InvalidSyntaxException.class).hasMessageStartingWith("Invalid tenant id 'Finance'");
        assertThatThrownBy(() -> Requirements.tenantPermission("finance", "agent:*"))
                .isInstanceOf(InvalidSyntaxException.class).hasMessageStartingWith("Invalid permission 'agent:*'");
        assertThatThrownBy(() -> AccessExplanation.explain(ALICE, "x y", PermissionRequest.parse("agent:chat")))
                .isInstanceOf(InvalidSyntaxException.class);
    }

    @Test
    void aDenialThrowsTheForbiddenAnswer() {
        Decision decision = new Authorizer().decide(BOB_NO_ROLES, Requirements.tenantPermission("finance",
                "agent:chat"));
        assertThatThrownBy(decision::orThrow).isInstanceOfSatisfying(AccessDeniedException.class,
                e -> assertThat(e.problem().reason()).isEqualTo("no_role_grants"));
    }

    @Test
    void describesItself() {
        assertThat(Requirements.tenantPermission("finance", PermissionRequest.of("agent", "chat", "bot")).describe())
                .isEqualTo("tenantPermission(finance, agent:chat:bot)");
    }

    @Test
    void wouldEscalateSaysWhatCannotBeGivenOut() {
        DenyReason.WouldEscalate reason = new DenyReason.WouldEscalate("finance", "agent:*");
        assertThat(reason.code()).isEqualTo("would_escalate");
        assertThat(reason.details())
                .isEqualTo("You cannot give out 'agent:*', which you do not hold in the tenant 'finance'.");
    }

    @Test
    void allowsWithoutAllocating() {
        Requirement requirement = Requirements.tenantPermission("finance", "agent:chat:finance-bot");
        Authorizer authorizer = new Authorizer();
        for (int i = 0; i < 20_000; i++) {
            authorizer.decide(ALICE, requirement);
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        boolean allAllowed = true;
        for (int i = 0; i < 10_000; i++) {
            allAllowed &= authorizer.decide(ALICE, requirement).allowed();
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allAllowed).isTrue();
        assertThat(allocated).as("bytes allocated by 10,000 allowed decisions").isLessThan(10_000);
    }
}
