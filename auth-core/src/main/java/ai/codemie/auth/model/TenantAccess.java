package ai.codemie.auth.model;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * A caller's membership of one tenant, as decisions need it: the tenant, the roles the caller holds there (names as
 * written, with their patterns) and the tenant's boundary. It says nothing about which tenant a request acts in:
 * that is an input of each decision. Immutable; the tenant's roles and boundary live in a shared
 * {@link TenantDefinition}, so the value itself is small.
 *
 * <p>The two questions a decision asks, {@link #rolesGrant} and {@link #boundaryAllows}, are each a handful of hash
 * probes however many roles and patterns the tenant has, and allocate nothing; {@link #grantingRoles}, for a denial
 * or an explanation, makes the same probes and lists what they find.
 */
public final class TenantAccess {

    private final TenantDefinition definition;
    /** One bit per role of the definition, set for the roles held. */
    private final long[] held;

    TenantAccess(TenantDefinition definition, long[] held) {
        this.definition = definition;
        this.held = held;
    }

    /**
     * A membership holding every one of {@code roles}, for a tenant with this boundary; a convenience for tests and
     * for stores with no shared definitions (prefer {@link TenantDefinition#access(Collection)}, which shares the
     * tenant's roles between its members).
     */
    public static TenantAccess of(String tenantId, Collection<PermissionPattern> boundary,
            Collection<TenantRole> roles) {
        TenantDefinition definition = TenantDefinition.of(tenantId, boundary, roles);
        return definition.access(definition.roles().stream().map(TenantRole::name).toList());
    }

    /** The tenant id. */
    public String tenantId() {
        return definition.tenantId();
    }

    /** The tenant's roles and boundary. */
    public TenantDefinition definition() {
        return definition;
    }

    /** The roles the caller holds in the tenant, in the tenant's order. */
    public List<TenantRole> roles() {
        return rolesIn(held, role -> role);
    }

    /** The names, as written, of the roles the caller holds in the tenant, in the tenant's order. */
    public List<String> roleNames() {
        return rolesIn(held, TenantRole::name);
    }

    /** The tenant's boundary. */
    public List<PermissionPattern> boundary() {
        return definition.boundary();
    }

    /** Whether a role the caller holds here has a pattern matching the permission (the boundary aside). */
    public boolean rolesGrant(PermissionRequest permission) {
        return definition.rolesMatch(permission, held, null);
    }

    /** Whether a pattern of the tenant's boundary matches the permission (the caller's roles aside). */
    public boolean boundaryAllows(PermissionRequest permission) {
        return definition.boundaryAllows(permission);
    }

    /**
     * The names of the roles the caller holds here that have a pattern matching the permission, in the tenant's
     * order; empty exactly when {@link #rolesGrant} is false.
     */
    public List<String> grantingRoles(PermissionRequest permission) {
        long[] granting = new long[held.length];
        definition.rolesMatch(permission, held, granting);
        return rolesIn(granting, TenantRole::name);
    }

    /** What {@code each} makes of the roles of the definition whose bits are set, in its order. */
    private <T> List<T> rolesIn(long[] bits, Function<TenantRole, T> each) {
        List<TenantRole> all = definition.roles();
        int count = 0;
        for (long word : bits) {
            count += Long.bitCount(word);
        }
        Object[] set = new Object[count];
        int n = 0;
        for (int w = 0; w < bits.length; w++) {
            for (long word = bits[w]; word != 0; word &= word - 1) {
                set[n++] = each.apply(all.get(w * 64 + Long.numberOfTrailingZeros(word)));
            }
        }
        @SuppressWarnings("unchecked")
        List<T> list = (List<T>) List.of(set);
        return list;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TenantAccess other && Arrays.equals(held, other.held)
                && definition.equals(other.definition);
    }

    @Override
    public int hashCode() {
        return 31 * definition.hashCode() + Arrays.hashCode(held);
    }

    @Override
    public String toString() {
        return "TenantAccess[" + tenantId() + ", roles=" + roleNames() + "]";
    }
}
