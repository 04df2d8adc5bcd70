package ai.codemie.auth.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.CodemieAuth;
import ai.codemie.auth.error.AuthenticationException;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.policy.Requirements;
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
    void givesEveryTestFreshCallers(TestCallers callers) {
        assertThatThrownBy(() -> callers.codemieAuth().authenticate("test-caller-from-another-test"))
                .isInstanceOf(AuthenticationException.class);
    }
}
