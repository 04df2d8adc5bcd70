package ai.codemie.auth.model;

import java.util.List;
import java.util.Objects;

/**
 * A role of a tenant as decisions see it: its name as written and its permission patterns. The same name in two
 * tenants is two unrelated roles. Patterns outside the tenant's boundary are kept; they have no effect there.
 *
 * @param name     the name as written (see {@link TenantNames#requireRoleName(String)})
 * @param patterns what the role allows, before the tenant's boundary applies
 */
public record TenantRole(String name, List<PermissionPattern> patterns) {

    public TenantRole {
        TenantNames.requireRoleName(name);
        patterns = List.copyOf(Objects.requireNonNull(patterns, "patterns"));
    }

    /** A role with patterns parsed from their texts; a malformed one throws {@link InvalidSyntaxException}. */
    public static TenantRole of(String name, String... patterns) {
        return new TenantRole(name, PermissionPattern.parseAll(List.of(patterns)));
    }
}
