package ai.codemie.auth.store;

import ai.codemie.auth.model.PermissionPattern;
import ai.codemie.auth.model.TenantNames;
import java.util.List;
import java.util.Objects;

/**
 * A tenant as the store keeps it.
 *
 * @param id          the tenant id (see {@link TenantNames#requireTenantId(String)})
 * @param displayName the name shown to people; defaults to the id ({@value #DEFAULT_DISPLAY_NAME} for the default
 *                    tenant)
 * @param boundary    the permissions that can exist in the tenant, whatever the role
 */
public record Tenant(String id, String displayName, List<PermissionPattern> boundary) {

    /** The id of the tenant every user is joined to once. */
    public static final String DEFAULT_ID = "default";

    /** The display name of the default tenant. */
    public static final String DEFAULT_DISPLAY_NAME = "Default";

    public Tenant {
        TenantNames.requireTenantId(id);
        if (displayName == null || displayName.isBlank()) {
            displayName = DEFAULT_ID.equals(id) ? DEFAULT_DISPLAY_NAME : id;
        }
        boundary = List.copyOf(Objects.requireNonNull(boundary, "boundary"));
    }

    /** A tenant with its display name defaulted and this boundary. */
    public static Tenant of(String id, List<PermissionPattern> boundary) {
        return new Tenant(id, null, boundary);
    }
}
