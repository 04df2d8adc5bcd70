package ai.codemie.auth.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamePoolTest {

    private static String fresh(String text) {
        return new String(text.toCharArray());
    }

    @Test
    void handsBackTheHeldInstanceOfAnEqualName() {
        NamePool pool = new NamePool();
        String first = fresh("project-0001");
        assertThat(pool.shared(first)).isSameAs(first);
        assertThat(pool.shared(fresh("project-0001"))).isSameAs(first);
    }

    @Test
    void neverKeepsALongName() {
        NamePool pool = new NamePool();
        String longest = "p".repeat(NamePool.MAX_LENGTH);
        String tooLong = "p".repeat(NamePool.MAX_LENGTH + 1);
        pool.shared(longest);
        pool.shared(tooLong);
        assertThat(pool.shared(fresh(longest))).isSameAs(longest);
        String again = fresh(tooLong);
        assertThat(pool.shared(again)).isSameAs(again);
    }

    @Test
    void keepsAtMostOneNamePerSlotWhateverComesIn() {
        NamePool pool = new NamePool();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 4 * NamePool.SLOTS; i++) {
            names.add(pool.shared("name-" + i));
        }
        Map<String, Boolean> held = new IdentityHashMap<>();
        for (String name : names) {
            if (pool.shared(fresh(name)) == name) {
                held.put(name, true);
            }
        }
        assertThat(held).hasSizeLessThanOrEqualTo(NamePool.SLOTS).isNotEmpty();
    }

    @Test
    void aNameThatLostItsSlotIsStillAnEqualName() {
        NamePool pool = new NamePool();
        for (int i = 0; i < 4 * NamePool.SLOTS; i++) {
            String name = "name-" + i;
            assertThat(pool.shared(fresh(name))).isEqualTo(name);
        }
    }
}
