package ai.codemie.auth.store;

import ai.codemie.auth.model.PermissionPattern;
import ai.codemie.auth.model.TenantNames;
import ai.codemie.auth.model.TenantRole;
import java.util.List;
import java.util.Objects;

/**
 * A role of a tenant as the store keeps it.
 *
 * @param tenantId    the tenant the role belongs to
 * @param name        the name as written, unique in the tenant ignoring case (see {@link TenantNames})
 * @param description free text; empty by default
 * @param patterns    what the role allows, before the tenant's boundary applies
 */
public record StoredRole(String tenantId, String name, String description, List<PermissionPattern> patterns) {

    public StoredRole {
        TenantNames.requireTenantId(tenantId);
        TenantNames.requireRoleName(name);
        description = description == null ? "" : description;
        patterns = List.copyOf(Objects.requireNonNull(patterns, "patterns"));
    }

    /** The role as decisions see it. */
    public TenantRole toTenantRole() {
        return new TenantRole(name, patterns);
    }
}
