package ai.codemie.auth.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class BroadcastChangeFeedTest {

    private final BroadcastChangeFeed feed = new BroadcastChangeFeed();

    private static ChangeFeed.ChangeListener recording(List<String> told, boolean fail) {
        return new ChangeFeed.ChangeListener() {
            @Override
            public void userChanged(String userId) {
                told.add(userId);
                if (fail) {
                    throw new IllegalStateException("subscriber bug");
                }
            }

            @Override
            public void everythingChanged() {
                told.add("*");
                if (fail) {
                    throw new IllegalStateException("subscriber bug");
                }
            }
        };
    }

    @Test
    void tellsEverySubscriberEvenWhenOneFails() {
        List<String> failing = new CopyOnWriteArrayList<>();
        List<String> healthy = new CopyOnWriteArrayList<>();
        feed.subscribe(recording(failing, true));
        feed.subscribe(recording(healthy, false));

        feed.usersChanged(List.of("alice", "bob"));
        feed.everythingChanged();

        assertThat(failing).containsExactly("alice", "bob", "*");
        assertThat(healthy).containsExactly("alice", "bob", "*");
    }

    @Test
    void tellsNothingToAClosedSubscription() throws Exception {
        List<String> told = new CopyOnWriteArrayList<>();
        feed.subscribe(recording(told, false)).close();

        feed.usersChanged(List.of("alice"));
        feed.everythingChanged();

        assertThat(told).isEmpty();
    }
}
