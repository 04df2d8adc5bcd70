package ai.codemie.auth.admin.tenant;

import java.util.List;
import java.util.Objects;

/**
 * A tenant as administration shows it.
 *
 * @param id       the tenant id
 * @param name     the display name
 * @param boundary the patterns of the tenant's boundary, as written
 */
public record TenantView(String id, String name, List<String> boundary) {

    public TenantView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        boundary = List.copyOf(boundary);
    }
}
