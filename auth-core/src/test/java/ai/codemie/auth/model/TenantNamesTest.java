package ai.codemie.auth.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"default", "a", "0", "finance", "hr-2024", "9lives", "a-", "a--b"})
    void acceptsWellFormedTenantIds(String id) {
        assertThat(TenantNames.requireTenantId(id)).isSameAs(id);
    }

    @Test
    void acceptsATenantIdOfSixtyThreeCharacters() {
        String id = "t" + "-".repeat(62);
        assertThat(TenantNames.requireTenantId(id)).isEqualTo(id);
        assertThatThrownBy(() -> TenantNames.requireTenantId(id + "x"))
                .hasMessage("Invalid tenant id '" + id + "x': a tenant id has at most 63 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-finance", "Finance", "fin ance", "fin_ance", "fin.ance", "финансы", " default",
        "default ", "a:b", "*"})
    void refusesMalformedTenantIds(String id) {
        assertThatThrownBy(() -> TenantNames.requireTenantId(id))
                .isInstanceOfSatisfying(InvalidSyntaxException.class, e -> {
                    assertThat(e.kind()).isEqualTo(InvalidSyntaxException.Kind.TENANT_ID);
                    assertThat(e.input()).isEqualTo(id);
                })
                .hasMessageStartingWith("Invalid tenant id '" + id + "': ");
    }

    @Test
    void refusesANullTenantId() {
        assertThatThrownBy(() -> TenantNames.requireTenantId(null)).isInstanceOf(InvalidSyntaxException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Agent User", "a", "Finance Standard User", "QA", "dept_admin", "v1.2-beta",
        "Platform  Administrator"})
    void acceptsWellFormedRoleNamesAsWritten(String name) {
        assertThat(TenantNames.requireRoleName(name)).isSameAs(name);
    }

    @Test
    void acceptsARoleNameOfSixtyFourCharacters() {
        String name = "R".repeat(64);
        assertThat(TenantNames.requireRoleName(name)).isEqualTo(name);
        assertThatThrownBy(() -> TenantNames.requireRoleName(name + "R")).hasMessageContaining("at most 64");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", " Admin", "Admin ", "Admin\t", "Ädmin", "admin/role", "admin,user", "a:b",
        "admin\nuser", "*"})
    void refusesMalformedRoleNames(String name) {
        assertThatThrownBy(() -> TenantNames.requireRoleName(name))
                .isInstanceOfSatisfying(InvalidSyntaxException.class,
                        e -> assertThat(e.kind()).isEqualTo(InvalidSyntaxException.Kind.ROLE_NAME))
                .hasMessageStartingWith("Invalid role name '" + name + "': ");
    }

    @Test
    void roleKeysIgnoreCase() {
        assertThat(TenantNames.roleKey("Agent User")).isEqualTo(TenantNames.roleKey("AGENT user"))
                .isEqualTo("agent user");
        assertThat(TenantNames.roleKey("Agent User")).isNotEqualTo(TenantNames.roleKey("Agent  User"));
        assertThatThrownBy(() -> TenantNames.roleKey(" x")).isInstanceOf(InvalidSyntaxException.class);
    }
}
