package ai.codemie.auth.admin.tenant;

import java.util.List;
import java.util.Objects;

/**
 * The roles a member holds in a tenant after a change.
 *
 * @param userId the member's user id
 * @param roles  the names, as written, of the roles held, in the tenant's role order
 */
public record MemberRoles(String userId, List<String> roles) {

    public MemberRoles {
        Objects.requireNonNull(userId, "userId");
        roles = List.copyOf(roles);
    }
}
