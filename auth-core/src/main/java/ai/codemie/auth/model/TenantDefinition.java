package ai.codemie.auth.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a tenant is for decisions: its id, its boundary (the permissions that can exist in it) and its roles, with
 * their patterns arranged for lookup. Immutable and shared: one value per tenant serves every member's
 * {@link TenantAccess}, so that a member costs a reference and a bit per role, and a change to a role or the
 * boundary means one new definition, not a new value per member.
 */
public final class TenantDefinition {

    private final String tenantId;
    private final List<PermissionPattern> boundary;
    private final List<TenantRole> roles;
    /** Role key to position in {@link #roles}, which is the role's bit. */
    private final Map<String, Integer> positions;
    private final PatternIndex roleIndex;
    private final PatternIndex boundaryIndex;
    /** Computed once: members' values, which hash their definition, may be hashed often. */
    private final int hash;

    private TenantDefinition(String tenantId, List<PermissionPattern> boundary, List<TenantRole> roles) {
        this.tenantId = TenantNames.requireTenantId(tenantId);
        this.boundary = List.copyOf(boundary);
        this.roles = List.copyOf(roles);
        Map<String, Integer> byKey = new HashMap<>();
        List<List<PermissionPattern>> rolePatterns = new ArrayList<>(this.roles.size());
        for (TenantRole role : this.roles) {
            if (byKey.putIfAbsent(TenantNames.roleKey(role.name()), byKey.size()) != null) {
                throw new IllegalArgumentException("the tenant '" + tenantId + "' has the role '" + role.name()
                        + "' twice (role names are compared ignoring case)");
            }
            rolePatterns.add(role.patterns());
        }
        this.positions = Map.copyOf(byKey);
        this.roleIndex = new PatternIndex(rolePatterns);
        this.boundaryIndex = new PatternIndex(List.of(this.boundary));
        this.hash = Objects.hash(tenantId, this.boundary, this.roles);
    }

    /**
     * A tenant with its boundary and roles. Throws {@link InvalidSyntaxException} for a malformed tenant id, and
     * {@link IllegalArgumentException} when two roles have the same name ignoring case.
     */
    public static TenantDefinition of(String tenantId, Collection<PermissionPattern> boundary,
            Collection<TenantRole> roles) {
        return new TenantDefinition(tenantId, List.copyOf(boundary), List.copyOf(roles));
    }

    /**
     * A member's access: the roles of this tenant named in {@code roleNames}, matched ignoring case. A name the
     * tenant has no role of grants nothing and is left out (a role deleted since the membership was read).
     */
    public TenantAccess access(Collection<String> roleNames) {
        long[] held = new long[PatternIndex.words(roles.size())];
        for (String name : roleNames) {
            Integer position = positions.get(TenantNames.roleKey(name));
            if (position != null) {
                held[position >>> 6] |= 1L << position;
            }
        }
        return new TenantAccess(this, held);
    }

    /** The tenant id. */
    public String tenantId() {
        return tenantId;
    }

    /** The boundary: the permissions that can exist in the tenant, whatever the role. */
    public List<PermissionPattern> boundary() {
        return boundary;
    }

    /** Every role of the tenant. */
    public List<TenantRole> roles() {
        return roles;
    }

    /** The role with this name, ignoring case. */
    public Optional<TenantRole> role(String name) {
        Integer position = positions.get(TenantNames.roleKey(name));
        return position == null ? Optional.empty() : Optional.of(roles.get(position));
    }

    /** Whether a role in {@code held} has a pattern matching the permission; with {@code into}, collects them all. */
    boolean rolesMatch(PermissionRequest permission, long[] held, long[] into) {
        return roleIndex.matches(permission, held, into);
    }

    /** Whether a boundary pattern matches the permission. */
    boolean boundaryAllows(PermissionRequest permission) {
        return boundaryIndex.matches(permission, PatternIndex.ALL, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TenantDefinition other && hash == other.hash && tenantId.equals(other.tenantId)
                && boundary.equals(other.boundary) && roles.equals(other.roles);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return "TenantDefinition[" + tenantId + ", boundary=" + boundary + ", roles="
                + roles.stream().map(TenantRole::name).toList() + "]";
    }
}
