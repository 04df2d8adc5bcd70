package ai.codemie.auth.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class StoredUserTest {

    private static final Instant SIGNED_IN = Instant.parse("2024-05-06T07:08:09Z");

    private static final StoredUser ADA = new StoredUser("id-1", "ada", "ada@x.com", "Ada", "https://pic/ada",
            "external", true, null, true, true, null, "oidc", SIGNED_IN);

    @Test
    void aCopyWithNothingChangedEqualsTheOriginal() {
        assertThat(ADA.toBuilder().build()).isEqualTo(ADA);
    }

    @Test
    void aCopyChangesOnlyWhatIsSet() {
        StoredUser renamed = ADA.toBuilder().username("lovelace").email(null).build();

        assertThat(renamed).isEqualTo(new StoredUser("id-1", "lovelace", null, "Ada", "https://pic/ada", "external",
                true, null, true, true, null, "oidc", SIGNED_IN));
    }

    @Test
    void aNewUserIsActiveRegularAndWithoutRolesUnlessSet() {
        assertThat(StoredUser.builder("id-2", "bob").build()).isEqualTo(new StoredUser("id-2", "bob", null, null, null,
                "regular", true, null, false, false, null, null, null));
    }

    @Test
    void rolesSetsBothFlagsAndTheLimitTogether() {
        StoredUser demoted = ADA.toBuilder().roles(false, false, 3).build();

        assertThat(demoted.admin()).isFalse();
        assertThat(demoted.maintainer()).isFalse();
        assertThat(demoted.projectLimit()).isEqualTo(3);
    }

    @Test
    void deactivatingClearsTheActiveFlagAndRecordsTheTime() {
        StoredUser gone = ADA.deactivated(SIGNED_IN.plusSeconds(1));

        assertThat(gone.usable()).isFalse();
        assertThat(gone).isEqualTo(ADA.toBuilder().active(false).deletedAt(SIGNED_IN.plusSeconds(1)).build());
    }

    @Test
    void theBuilderAppliesTheRecordsChecks() {
        assertThatThrownBy(() -> StoredUser.builder("id-3", "carol").projectLimit(-1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("projectLimit");
        assertThatThrownBy(() -> StoredUser.builder("id-3", null).build()).isInstanceOf(NullPointerException.class)
                .hasMessage("username");
    }
}
