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
    void readsATenantPayloadAsTheTenantAndAnyOtherAsAUserAsEveryVersionSentIt() {
        List<String> told = new CopyOnWriteArrayList<>();
        List<String> tenants = new CopyOnWriteArrayList<>();
        ChangeFeed.ChangeListener users = recording(told, false);
        feed.subscribe(new ChangeFeed.ChangeListener() {
            @Override
            public void userChanged(String userId) {
                users.userChanged(userId);
            }

            @Override
            public void tenantChanged(String tenantId) {
                tenants.add(tenantId);
            }

            @Override
            public void everythingChanged() {
                users.everythingChanged();
            }
        });

        feed.changed("8f0e6f4a-1b2c-4d3e-8f4a-5b6c7d8e9f01");
        feed.changed(BroadcastChangeFeed.tenantPayload("acme"));

        assertThat(told).containsExactly("8f0e6f4a-1b2c-4d3e-8f4a-5b6c7d8e9f01");
        assertThat(tenants).containsExactly("acme");
        assertThat(BroadcastChangeFeed.tenantPayload("acme")).isEqualTo("tenant:acme");
    }

    @Test
    void aSubscriberThatKeepsNothingPerTenantDropsEverythingOnATenantChange() {
        List<String> told = new CopyOnWriteArrayList<>();
        feed.subscribe(recording(told, false));

        feed.tenantsChanged(List.of("acme"));

        assertThat(told).containsExactly("*");
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
