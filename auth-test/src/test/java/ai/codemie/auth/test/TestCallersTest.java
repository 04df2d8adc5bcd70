package ai.codemie.auth.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.CodemieAuth;
import ai.codemie.auth.error.AuthenticationException;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.policy.Requirements;
import ai.codemie.auth.store.TenantMembership;
import java.util.List;
import org.junit.jupiter.api.Test;

@CodemieAuthTest
class TestCallersTest {

    @Test
    void authenticatesAnInstalledCallerAsExactlyItsPermissions(TestCallers callers) {
        EffectivePermissions alice = TestCallers.user("alice").projects(List.of("proj-a")).build();
        CodemieAuth auth = callers.codemieAuth();
        EffectivePermissions resolved = auth.authenticate(callers.install(alice));
        assertThat(resolved).isEqualTo(alice);
        assertThat(auth.authorize(resolved, Requirements.projectAccess("proj-a")).allowed()).isTrue();
        assertThat(auth.authorize(resolved, Requirements.projectAccess("proj-b")).allowed()).isFalse();
    }

    @Test
    void refusesTokensItDidNotIssueAndForgetsClearedCallers(TestCallers callers) {
        String token = callers.install(TestCallers.user("bob").build());
        CodemieAuth auth = callers.codemieAuth();
        assertThatThrownBy(() -> auth.authenticate("test-caller-guessed")).isInstanceOf(AuthenticationException.class);
        callers.clear();
        assertThatThrownBy(() -> auth.authenticate(token)).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("Invalid token");
    }

    @Test
    void seedsTenantsInOneLineAndGivesCallersTheirSeededRoles(TestCallers callers) {
        TestStore store = new TestStore();
        store.seed().tenant("acme", "agent:*").role("editor", "agent:chat").role("runner", "process:run")
                .and().user("alice").tenantRoles("acme", "Editor").user("bob").tenantRoles("acme");
        List<TenantMembership> alice = store.inTransaction(tx -> tx.tenants().membershipsOf("alice"));
        List<TenantMembership> bob = store.inTransaction(tx -> tx.tenants().membershipsOf("bob"));
        assertThat(alice).singleElement().satisfies(m -> assertThat(m.roleNames()).containsExactly("editor"));
        assertThat(bob).singleElement().satisfies(m -> assertThat(m.roleNames()).isEmpty());
        assertThatThrownBy(() -> store.seed().tenant("acme", "*:*")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tenant acme exists");
        assertThatThrownBy(() -> store.seed().existingTenant("acme").role("EDITOR", "agent:*"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("tenant acme has a role EDITOR");

        CodemieAuth auth = callers.codemieAuth();
        EffectivePermissions editor = auth.authenticate(callers.install(TestCallers.user("alice")
                .tenants(List.of(TestCallers.tenantRoles(store, "acme", "editor"))).build()));
        assertThat(auth.authorize(editor, Requirements.tenantPermission("acme", "agent:chat:x")).allowed()).isTrue();
        EffectivePermissions runner = TestCallers.user("rob")
                .tenants(List.of(TestCallers.tenantRoles(store, "acme", "runner"))).build();
        assertThat(auth.authorize(runner, Requirements.tenantPermission("acme", "process:run")).reason().code())
                .isEqualTo("outside_tenant_boundary");
        assertThatThrownBy(() -> TestCallers.tenantRoles(store, "acme", "admin"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the tenant 'acme' has no role 'admin'; it has [editor, runner]");
    }

    @Test
    void givesATenantsPatternsWithoutAStore() {
        EffectivePermissions caller = TestCallers.user("dan")
                .tenants(List.of(TestCallers.tenantPatterns("acme", "agent:chat"), TestCallers.tenantPatterns("b")))
                .build();
        assertThat(Requirements.tenantPermission("acme", "agent:chat:x").check(caller).allowed()).isTrue();
        assertThat(Requirements.tenantPermission("acme", "agent:view").check(caller).reason().code())
                .isEqualTo("no_role_grants");
        assertThat(caller.tenant("acme").orElseThrow().roleNames()).containsExactly(TestCallers.PATTERNS_ROLE);
        assertThat(caller.tenant("b").orElseThrow().roleNames()).isEmpty();
    }

    @Test
    void givesEveryTestFreshCallers(TestCallers callers) {
        assertThatThrownBy(() -> callers.codemieAuth().authenticate("test-caller-from-another-test"))
                .isInstanceOf(AuthenticationException.class);
    }
}
