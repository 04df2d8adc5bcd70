package ai.codemie.auth.admin.tenant;

import java.util.List;
import java.util.Objects;

/**
 * A role of a tenant as administration shows it.
 *
 * @param name            the name as written
 * @param description     the description; empty when none was given
 * @param permissions     the role's patterns, as written
 * @param outsideBoundary those of the role's patterns, as written, that the tenant's boundary does not wholly cover:
 *                        they allow less in the tenant than they say, or nothing at all
 */
public record RoleView(String name, String description, List<String> permissions, List<String> outsideBoundary) {

    public RoleView {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        permissions = List.copyOf(permissions);
        outsideBoundary = List.copyOf(outsideBoundary);
    }
}
