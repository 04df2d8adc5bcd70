package ai.codemie.auth.resolve;

import ai.codemie.auth.config.AuthSettings;
import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.model.UserIdentity;
import org.junit.jupiter.api.Test;

class PermissionCacheTest {

    private final PlatformFixture.ManualTicker ticker = new PlatformFixture.ManualTicker();
    private final PermissionCache cache = new PermissionCache(PlatformFixture.settings(), ticker);

    private static EffectivePermissions permissions(String id) {
        return EffectivePermissions.builder(new UserIdentity(id, id, null, null, null, "regular")).build();
    }

    @Test
    void servesWhatWasLoadedForTheSameSource() {
        cache.put("alice", "profile-1", cache.stamp(), permissions("alice"));

        assertThat(cache.get("alice", "profile-1")).isEqualTo(permissions("alice"));
        assertThat(cache.get("alice", "profile-2")).isNull();
        assertThat(cache.get("bob", "profile-1")).isNull();
    }

    @Test
    void dropsTheUserWhenTheirChangeIsAnnounced() {
        cache.put("alice", "p", cache.stamp(), permissions("alice"));
        cache.put("bob", "p", cache.stamp(), permissions("bob"));

        cache.userChanged("alice");

        assertThat(cache.get("alice", "p")).isNull();
        assertThat(cache.get("bob", "p")).isNotNull();
    }

    @Test
    void doesNotKeepALoadThatRacedAnAnnouncedChange() {
        PermissionCache.Stamp beforeReadingTheStore = cache.stamp();
        cache.userChanged("alice"); // committed while the load was reading stale data

        cache.put("alice", "p", beforeReadingTheStore, permissions("alice"));

        assertThat(cache.get("alice", "p")).isNull();
        cache.put("alice", "p", cache.stamp(), permissions("alice"));
        assertThat(cache.get("alice", "p")).isNotNull();
    }

    @Test
    void ignoresEntriesLoadedBeforeEverythingChanged() {
        PermissionCache.Stamp stamp = cache.stamp();
        cache.put("alice", "p", stamp, permissions("alice"));

        cache.everythingChanged();

        assertThat(cache.get("alice", "p")).isNull();
        cache.put("bob", "p", stamp, permissions("bob")); // a load that started before the announcement
        assertThat(cache.get("bob", "p")).isNull();
    }

    @Test
    void cachesNothingWhenTheSizeIsZero() {
        PermissionCache off = new PermissionCache(PlatformFixture.settings(b -> b
                .set(AuthSettings.PERMISSION_CACHE_SIZE, 0)), ticker);

        off.put("alice", "p", off.stamp(), permissions("alice"));

        assertThat(off.get("alice", "p")).isNull();
    }
}
