package ai.codemie.auth.store;

import ai.codemie.auth.model.TenantNames;
import java.util.List;
import java.util.Objects;

/**
 * A user's membership of a tenant.
 *
 * @param tenantId  the tenant
 * @param userId    the member
 * @param roleNames the names, as written in the tenant, of the roles the member holds there (possibly none), in the
 *                  tenant's role order
 */
public record TenantMembership(String tenantId, String userId, List<String> roleNames) {

    public TenantMembership {
        TenantNames.requireTenantId(tenantId);
        Objects.requireNonNull(userId, "userId");
        roleNames = List.copyOf(roleNames);
    }
}
