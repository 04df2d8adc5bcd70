package ai.codemie.auth.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EffectivePermissionsTest {

    static final UserIdentity ALICE = new UserIdentity("u-1", "alice", null, null, null, "regular");

    @Test
    void maintainerImpliesAdmin() {
        assertThat(EffectivePermissions.builder(ALICE).maintainer(true).build().admin()).isTrue();
    }

    @Test
    void isUnaffectedByChangesToTheCollectionsItWasBuiltFrom() {
        List<String> projects = new ArrayList<>(List.of("proj-a"));
        EffectivePermissions p = EffectivePermissions.builder(ALICE).projects(projects).build();
        projects.add("proj-b");
        assertThat(p.projects()).containsExactly("proj-a");
        assertThatThrownBy(() -> p.projects().add("proj-c")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void keepsOrderAndDropsDuplicates() {
        EffectivePermissions p = EffectivePermissions.builder(ALICE).projects(List.of("b", "a", "b")).build();
        assertThat(p.projects()).containsExactly("b", "a");
        assertThat(p.currentProject()).isEqualTo("b");
    }

    @Test
    void refusesANegativeLimit() {
        assertThatThrownBy(() -> EffectivePermissions.builder(ALICE).projectLimit(-1).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    static final TenantAccess TENANT_A = TenantAccess.of("tenant-a", PermissionPattern.parseAll(List.of("*:*")),
            List.of(TenantRole.of("User", "agent:chat")));
    static final TenantAccess TENANT_B = TenantAccess.of("tenant-b", List.of(), List.of());

    @Test
    void holdsEveryTenantMembershipByTenantId() {
        EffectivePermissions p = EffectivePermissions.builder(ALICE).tenants(List.of(TENANT_A, TENANT_B)).build();
        assertThat(p.tenants()).containsOnlyKeys("tenant-a", "tenant-b");
        assertThat(p.tenant("tenant-a")).contains(TENANT_A);
        assertThat(p.tenant("tenant-a").orElseThrow().roleNames()).containsExactly("User");
        assertThat(p.tenant("tenant-c")).isEmpty();
        assertThatThrownBy(() -> p.tenants().put("x", TENANT_A)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesTwoMembershipsOfOneTenant() {
        assertThatThrownBy(() -> EffectivePermissions.builder(ALICE).tenants(List.of(TENANT_A, TENANT_A)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tenant-a");
    }

    @Test
    void refusesAMembershipFiledUnderAnotherTenant() {
        EffectivePermissions p = EffectivePermissions.builder(ALICE).build();
        assertThatThrownBy(() -> new EffectivePermissions(ALICE, p.roles(), false, false, false, p.projects(),
                p.adminProjects(), p.knowledgeBases(), null, Map.of("tenant-b", TENANT_A)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the membership of the tenant 'tenant-a' is filed under 'tenant-b'");
    }

    @Test
    void hasNoTenantsUnlessGiven() {
        assertThat(EffectivePermissions.builder(ALICE).build().tenants()).isSameAs(Map.of());
    }

    @Test
    void refusesAnEmptyId() {
        assertThatThrownBy(() -> new UserIdentity("", null, null, null, null, "regular"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void survivesARoundTripThroughItsBuilder() {
        EffectivePermissions p = EffectivePermissions.builder(ALICE).roles(List.of("developer")).projects(List.of("a"))
                .adminProjects(List.of("b")).knowledgeBases(List.of("k")).projectLimit(3).external(true)
                .tenants(List.of(TENANT_A, TENANT_B)).build();
        assertThat(p.toBuilder().build()).isEqualTo(p);
    }
}
