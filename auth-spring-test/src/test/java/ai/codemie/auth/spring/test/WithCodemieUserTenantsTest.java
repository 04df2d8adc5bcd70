package ai.codemie.auth.spring.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.model.TenantAccess;
import ai.codemie.auth.store.UserStore;
import ai.codemie.auth.test.TestStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

/** Callers with tenant roles, from roles seeded in the application's store or from patterns given directly. */
@WebMvcTest(value = TestApplication.TestController.class,
        properties = {"codemie.auth.enable-user-management=true", "codemie.auth.tenants.enabled=true"})
@Import(WithCodemieUserTenantsTest.SeededStore.class)
class WithCodemieUserTenantsTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectProvider<UserStore> store;

    @TestConfiguration(proxyBeanMethods = false)
    static class SeededStore {
        @Bean
        TestStore testStore() {
            TestStore store = new TestStore();
            store.seed().tenant("acme", "agent:*").role("editor", "agent:chat").role("viewer", "agent:view")
                    .role("runner", "process:run");
            return store;
        }
    }

    @Test
    @WithCodemieUser(tenants = @TenantRoles(tenant = "acme", roles = "Editor"))
    void aSeededRoleGrantsItsPatternsInItsTenant() throws Exception {
        mvc.perform(post("/agents/finance-bot/chat").header("X-Codemie-Tenant", "acme"))
                .andExpect(status().isOk()).andExpect(content().string("finance-bot@acme"));
        mvc.perform(post("/agents/finance-bot/chat"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.error.details").value("You are not a member of the tenant 'default'."));
    }

    @Test
    @WithCodemieUser(tenants = @TenantRoles(tenant = "acme", roles = {"viewer", "runner"}))
    void otherSeededRolesDoNot() throws Exception {
        mvc.perform(post("/agents/finance-bot/chat").header("X-Codemie-Tenant", "acme"))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.error.details")
                        .value("None of your roles in the tenant 'acme' grants 'agent:chat:finance-bot'."));
    }

    @Test
    @WithCodemieUser(tenants = {@TenantRoles(tenant = "default", patterns = "agent:chat:finance-bot"),
        @TenantRoles(tenant = "acme")})
    void patternsNeedNoStoreAndATenantWithoutEitherIsAMembershipWithoutRoles() throws Exception {
        mvc.perform(post("/agents/finance-bot/chat")).andExpect(status().isOk())
                .andExpect(content().string("finance-bot@default"));
        mvc.perform(post("/agents/other-bot/chat")).andExpect(status().isForbidden());
        mvc.perform(post("/agents/finance-bot/chat").header("X-Codemie-Tenant", "acme"))
                .andExpect(status().isForbidden()).andExpect(jsonPath("$.error.details")
                        .value("None of your roles in the tenant 'acme' grants 'agent:chat:finance-bot'."));
    }

    @Test
    void refusesAnUnknownTenantOrRoleAndRolesWithPatterns() throws Exception {
        assertThatThrownBy(() -> permissions(Unknown.class.getDeclaredMethod("tenant")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the store has no tenant 'globex'");
        assertThatThrownBy(() -> permissions(Unknown.class.getDeclaredMethod("role")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the tenant 'acme' has no role 'admin'; it has [editor, viewer, runner]");
        assertThatThrownBy(() -> permissions(Unknown.class.getDeclaredMethod("both")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("gives both roles and patterns");
        TenantAccess acme = permissions(Unknown.class.getDeclaredMethod("known")).tenant("acme").orElseThrow();
        assertThat(acme.roleNames()).containsExactly("editor");
        assertThat(acme.boundary()).hasToString("[agent:*]");
    }

    private EffectivePermissions permissions(java.lang.reflect.Method method) {
        return WithCodemieUserTestExecutionListener.permissions(method.getAnnotation(WithCodemieUser.class), store);
    }

    /** Callers the listener must refuse, or read from the store. */
    static final class Unknown {
        @WithCodemieUser(tenants = @TenantRoles(tenant = "globex", roles = "editor"))
        void tenant() {
        }

        @WithCodemieUser(tenants = @TenantRoles(tenant = "acme", roles = "admin"))
        void role() {
        }

        @WithCodemieUser(tenants = @TenantRoles(tenant = "acme", roles = "editor", patterns = "agent:*"))
        void both() {
        }

        @WithCodemieUser(tenants = @TenantRoles(tenant = "acme", roles = "EDITOR"))
        void known() {
        }
    }
}
