package ai.codemie.auth.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TenantAccessTest {

    static final TenantDefinition FINANCE = TenantDefinition.of("finance",
            PermissionPattern.parseAll(List.of("agent:*", "process:run")),
            List.of(TenantRole.of("Agent User", "agent:chat", "agent:view:finance-bot"),
                    TenantRole.of("Runner", "process:*", "knowledge:ingest"),
                    TenantRole.of("Viewer", "agent:view")));

    static PermissionRequest permission(String text) {
        return PermissionRequest.parse(text);
    }

    @Test
    void holdsTheNamedRolesMatchedIgnoringCaseInTheTenantsOrder() {
        TenantAccess access = FINANCE.access(List.of("viewer", "AGENT USER"));
        assertThat(access.tenantId()).isEqualTo("finance");
        assertThat(access.roleNames()).containsExactly("Agent User", "Viewer");
        assertThat(access.roles()).extracting(TenantRole::name).containsExactly("Agent User", "Viewer");
        assertThat(access.boundary()).containsExactlyElementsOf(FINANCE.boundary());
    }

    @Test
    void leavesOutRoleNamesTheTenantDoesNotHave() {
        assertThat(FINANCE.access(List.of("Deleted Role", "Runner")).roleNames()).containsExactly("Runner");
        assertThat(FINANCE.access(List.of()).roleNames()).isEmpty();
    }

    @Test
    void grantsThroughHeldRolesOnly() {
        TenantAccess viewer = FINANCE.access(List.of("Viewer"));
        assertThat(viewer.rolesGrant(permission("agent:view:hr-bot"))).isTrue();
        assertThat(viewer.rolesGrant(permission("agent:chat"))).isFalse();
        assertThat(viewer.grantingRoles(permission("agent:chat"))).isEmpty();
        TenantAccess both = FINANCE.access(List.of("Viewer", "Agent User"));
        assertThat(both.grantingRoles(permission("agent:view:finance-bot"))).containsExactly("Agent User", "Viewer");
        assertThat(both.grantingRoles(permission("agent:view:hr-bot"))).containsExactly("Viewer");
    }

    @Test
    void answersTheBoundaryWhateverTheRoles() {
        TenantAccess none = FINANCE.access(List.of());
        assertThat(none.boundaryAllows(permission("agent:chat:x"))).isTrue();
        assertThat(none.boundaryAllows(permission("process:run:nightly"))).isTrue();
        assertThat(none.boundaryAllows(permission("process:view"))).isFalse();
        assertThat(none.boundaryAllows(permission("knowledge:ingest"))).isFalse();
    }

    @Test
    void aPatternNamingAnInstanceNeverMatchesAPermissionWithoutOne() {
        TenantAccess access = TenantAccess.of("t", PermissionPattern.parseAll(List.of("agent:chat:x")),
                List.of(TenantRole.of("r", "agent:chat:x")));
        assertThat(access.rolesGrant(permission("agent:chat"))).isFalse();
        assertThat(access.boundaryAllows(permission("agent:chat"))).isFalse();
        assertThat(access.rolesGrant(permission("agent:chat:x"))).isTrue();
        assertThat(access.boundaryAllows(permission("agent:chat:x"))).isTrue();
    }

    @Test
    void findsGrantsOfEveryRoleInTenantsWithManyRoles() {
        List<TenantRole> roles = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            roles.add(TenantRole.of("role " + i, "res" + i + ":use", "shared:use:i" + i));
        }
        TenantDefinition big = TenantDefinition.of("big", PermissionPattern.parseAll(List.of("*:*")), roles);
        TenantAccess access = big.access(List.of("role 3", "role 64", "role 149"));
        assertThat(access.rolesGrant(permission("res149:use"))).isTrue();
        assertThat(access.rolesGrant(permission("res64:use"))).isTrue();
        assertThat(access.rolesGrant(permission("res63:use"))).isFalse();
        assertThat(access.rolesGrant(permission("res65:use"))).isFalse();
        assertThat(access.grantingRoles(permission("shared:use:i64"))).containsExactly("role 64");
        assertThat(access.grantingRoles(permission("shared:use:i63"))).isEmpty();
        assertThat(access.roleNames()).containsExactly("role 3", "role 64", "role 149");
    }

    @Test
    void sharesTheDefinitionBetweenMembers() {
        assertThat(FINANCE.access(List.of("Viewer")).definition()).isSameAs(FINANCE.access(List.of()).definition());
        assertThat(FINANCE.access(List.of("Viewer"))).isEqualTo(FINANCE.access(List.of("VIEWER")))
                .hasSameHashCodeAs(FINANCE.access(List.of("viewer")))
                .isNotEqualTo(FINANCE.access(List.of("Runner")));
    }

    @Test
    void refusesTwoRolesWithTheSameNameIgnoringCase() {
        assertThatThrownBy(() -> TenantDefinition.of("t", List.of(),
                List.of(TenantRole.of("Admin"), TenantRole.of("ADMIN"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the tenant 't' has the role 'ADMIN' twice (role names are compared ignoring case)");
    }

    @Test
    void refusesMalformedTenantIdsAndRoleNames() {
        assertThatThrownBy(() -> TenantDefinition.of("Finance", List.of(), List.of()))
                .isInstanceOf(InvalidSyntaxException.class);
        assertThatThrownBy(() -> TenantRole.of(" Admin")).isInstanceOf(InvalidSyntaxException.class);
        assertThatThrownBy(() -> TenantRole.of("Admin", "agent:**")).isInstanceOf(InvalidSyntaxException.class);
    }

    @Test
    void findsRolesByNameIgnoringCase() {
        assertThat(FINANCE.role("runner")).map(TenantRole::name).contains("Runner");
        assertThat(FINANCE.role("Auditor")).isEmpty();
    }
}
