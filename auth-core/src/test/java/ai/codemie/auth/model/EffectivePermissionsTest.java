package ai.codemie.auth.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    @Test
    void answersTenantRolesPerTenant() {
        EffectivePermissions p = EffectivePermissions.builder(ALICE)
                .tenantRoles(Map.of("tenant-a", Set.of("user"))).build();
        assertThat(p.rolesInTenant("tenant-a")).containsExactly("user");
        assertThat(p.rolesInTenant("tenant-b")).isEmpty();
    }

    @Test
    void refusesAnEmptyId() {
        assertThatThrownBy(() -> new UserIdentity("", null, null, null, null, "regular"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void survivesARoundTripThroughItsBuilder() {
        EffectivePermissions p = EffectivePermissions.builder(ALICE).roles(List.of("developer")).projects(List.of("a"))
                .adminProjects(List.of("b")).knowledgeBases(List.of("k")).projectLimit(3).external(true).build();
        assertThat(p.toBuilder().build()).isEqualTo(p);
    }
}
