package ai.codemie.auth.resolve;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.model.TenantAccess;
import ai.codemie.auth.model.TenantDefinition;
import ai.codemie.auth.store.ChangeFeed;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Resolved permissions of platform-managed mode by user id, dropped when the user changes.
 *
 * <p>A load that races a change must not put stale permissions back after the change dropped them. So a loader
 * takes a {@link Stamp} before it reads the store and {@link #put} stores its result only when no change was
 * announced since; entries also remember the generation of {@link #everythingChanged()} they were read in.
 *
 * <p>Tenant definitions are cached once per tenant beside the users, and every cached user's tenant memberships
 * point at them. A change to a tenant drops its definition only: a cached user whose value holds a definition that
 * is no longer the current one is a miss, so each holder is read again at its next request while the cached values
 * of everyone else stay.
 */
final class PermissionCache implements ChangeFeed.ChangeListener {

    /** What a loader knew before it read the store. */
    record Stamp(long changes, long generation) {
    }

    private record Entry(EffectivePermissions permissions, Object source, long generation) {
    }

    /** Null when caching is switched off (size or time to live zero). */
    private final Cache<String, Entry> cache;
    /** The current definition of each tenant, shared by its members' values; null when caching is off. */
    private final Cache<String, TenantDefinition> definitions;
    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong generation = new AtomicLong();

    PermissionCache(AuthSettings settings, Ticker ticker) {
        Objects.requireNonNull(ticker, "ticker");
        if (settings.get(AuthSettings.PERMISSION_CACHE_SIZE) == 0
                || settings.get(AuthSettings.PERMISSION_CACHE_TTL_SECONDS).isZero()) {
            this.cache = null;
            this.definitions = null;
        } else {
            this.cache = Caffeine.newBuilder()
                    .maximumSize(settings.get(AuthSettings.PERMISSION_CACHE_SIZE))
                    .expireAfterWrite(settings.get(AuthSettings.PERMISSION_CACHE_TTL_SECONDS))
                    .ticker(ticker)
                    .build();
            // expiring as users do, so that a change nobody announced is read again after the same time to live
            this.definitions = Caffeine.newBuilder()
                    .maximumSize(settings.get(AuthSettings.PERMISSION_CACHE_SIZE))
                    .expireAfterWrite(settings.get(AuthSettings.PERMISSION_CACHE_TTL_SECONDS))
                    .ticker(ticker)
                    .build();
        }
    }

    /** The cached permissions of the user, if they were loaded for the same {@code source}; else null. */
    EffectivePermissions get(String userId, Object source) {
        if (cache == null) {
            return null;
        }
        Entry entry = cache.getIfPresent(userId);
        if (entry == null || entry.generation() != generation.get() || !entry.source().equals(source)) {
            return null;
        }
        for (TenantAccess access : entry.permissions().tenants().values()) {
            if (definitions.getIfPresent(access.tenantId()) != access.definition()) {
                return null; // the tenant changed since this value was read
            }
        }
        return entry.permissions();
    }

    /** The current definition of the tenant, if cached. */
    TenantDefinition definition(String tenantId) {
        return definitions == null ? null : definitions.getIfPresent(tenantId);
    }

    /**
     * The definition to use for a tenant whose definition was read after {@code stamp}: the cached one when it is
     * equal (so that members share it), else the one read, which is cached when no change was announced since.
     */
    TenantDefinition share(String tenantId, Stamp stamp, TenantDefinition read) {
        if (definitions == null) {
            return read;
        }
        TenantDefinition[] use = {read};
        definitions.asMap().compute(tenantId, (id, current) -> {
            if (current == null) {
                return changes.get() == stamp.changes() ? read : null;
            }
            if (current.equals(read)) {
                use[0] = current;
            }
            return current;
        });
        return use[0];
    }

    /** Taken before reading the store, handed to {@link #put}. */
    Stamp stamp() {
        return new Stamp(changes.get(), generation.get());
    }

    /** Caches what was read after {@code stamp} unless a change was announced in between. */
    void put(String userId, Object source, Stamp stamp, EffectivePermissions permissions) {
        if (cache == null) {
            return;
        }
        Entry entry = new Entry(permissions, Objects.requireNonNull(source, "source"), stamp.generation());
        // Checked inside compute: an invalidation of this key waits for it, so it cannot slip between check and put.
        cache.asMap().compute(userId, (id, old) -> changes.get() == stamp.changes() ? entry : old);
    }

    @Override
    public void userChanged(String userId) {
        changes.incrementAndGet();
        if (cache != null) {
            cache.invalidate(userId);
        }
    }

    @Override
    public void tenantChanged(String tenantId) {
        changes.incrementAndGet();
        if (definitions != null) {
            definitions.invalidate(tenantId);
        }
    }

    @Override
    public void everythingChanged() {
        generation.incrementAndGet();
        changes.incrementAndGet();
        if (cache != null) {
            cache.invalidateAll();
            definitions.invalidateAll();
        }
    }
}
