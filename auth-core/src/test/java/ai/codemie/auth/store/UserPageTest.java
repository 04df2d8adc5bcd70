package ai.codemie.auth.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UserPageTest {

    @Test
    void theFirstPageStartsAtTheBeginningAndIsAsLargeAsAllowed() {
        assertThat(UserPage.first()).isEqualTo(new UserPage(null, UserPage.MAX_LIMIT));
    }

    @Test
    void theNextPageKeepsTheSizeAndStartsAfterTheUserName() {
        assertThat(new UserPage(null, 20).after("bob")).isEqualTo(new UserPage("bob", 20));
    }

    @Test
    void refusesAPageSizeOutsideOneToTheMaximum() {
        assertThatThrownBy(() -> new UserPage(null, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limit must be between 1 and 500, was 0");
        assertThatThrownBy(() -> new UserPage("bob", UserPage.MAX_LIMIT + 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("limit must be between 1 and 500, was 501");
    }

    @Test
    void refusesToStartAfterNoUserName() {
        assertThatThrownBy(() -> UserPage.first().after(null)).isInstanceOf(NullPointerException.class);
    }
}
