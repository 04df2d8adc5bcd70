package ai.codemie.auth.test;

import ai.codemie.auth.config.AuthSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.CodemieAuth;
import ai.codemie.auth.error.AuthenticationException;
import ai.codemie.auth.error.UnavailableException;
import ai.codemie.auth.model.EffectivePermissions;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@CodemieAuthTest
class CodemieAuthExtensionTest {

    @Test
    void letsATestAuthenticateAMintedTokenInThreeLines(TestTokens tokens, CodemieAuth auth) {
        assertThat(auth.authenticate(tokens.forUser("alice").roles("developer").applications("p").sign())
                .hasProjectAccess("p")).isTrue();
    }

    @Test
    void verifiesWithTheLibrarysVerifier(TestTokens tokens, CodemieAuth auth) {
        assertThatThrownBy(() -> auth.authenticate(tokens.forUser("alice").roles("developer").signWithUntrustedKey()))
                .isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> auth.authenticate(tokens.forUser("alice").roles("developer").expired().sign()))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("xpired");
    }

    @Test
    void resolvesPlatformManagedCallersFromTheTestStoreAndFailsClosedWhenItIsDown(TestTokens tokens,
                                                                                 TestStore store) {
        String alice = UUID.randomUUID().toString();
        store.seed().user(alice).member("proj-a", true);
        CodemieAuth auth = tokens.codemieAuth(tokens.settingsBuilder().set(AuthSettings.ENABLE_USER_MANAGEMENT, true)
                .build(), store);
        String token = tokens.forUser(alice).sign();

        EffectivePermissions caller = auth.authenticate(token);
        assertThat(caller.isProjectAdmin("proj-a")).isTrue();

        store.reachable(false);
        String newcomerId = UUID.randomUUID().toString();
        String newcomer = tokens.forUser(newcomerId).roles("developer").sign();
        assertThatThrownBy(() -> auth.authenticate(newcomer)).isInstanceOf(UnavailableException.class)
                .hasMessageContaining("User store unavailable");
        assertThat(store.seed().userCount()).isEqualTo(1);
        store.reachable(true);
        assertThat(auth.authenticate(newcomer).id()).isEqualTo(newcomerId);
        assertThat(store.seed().userCount()).isEqualTo(2);
    }

    @Test
    void givesEveryTestAFreshStore(TestStore store) {
        assertThat(store.seed().userCount()).isZero();
        store.seed().user(UUID.randomUUID().toString());
        assertThat(store.seed().userCount()).isEqualTo(1);
    }
}
