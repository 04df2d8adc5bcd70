package ai.codemie.auth.admin.tenant;

import java.util.List;
import java.util.Objects;

/**
 * A member of a tenant as administration shows it.
 *
 * @param userId the member's user id
 * @param email  the member's e-mail address, or null when the store has none (or no longer has the user)
 * @param name   the member's name, or null when the store has none
 * @param roles  the names, as written, of the roles the member holds in the tenant, in the tenant's role order
 */
public record MemberView(String userId, String email, String name, List<String> roles) {

    public MemberView {
        Objects.requireNonNull(userId, "userId");
        roles = List.copyOf(roles);
    }
}
