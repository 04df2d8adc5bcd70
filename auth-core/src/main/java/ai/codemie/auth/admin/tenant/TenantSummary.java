package ai.codemie.auth.admin.tenant;

import java.util.List;
import java.util.Objects;

/**
 * One of the caller's tenant memberships.
 *
 * @param id    the tenant id
 * @param name  the tenant's display name
 * @param roles the names, as written, of the roles the caller holds there, in the tenant's role order
 */
public record TenantSummary(String id, String name, List<String> roles) {

    public TenantSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        roles = List.copyOf(roles);
    }
}
