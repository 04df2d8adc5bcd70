package ai.codemie.auth.admin.tenant;

import java.util.List;
import java.util.Objects;

/**
 * A pending invitation (a placeholder membership for an e-mail address no user has yet).
 *
 * @param email the e-mail address as written
 * @param name  the invitee's name, or null
 * @param roles the names of the roles the membership will hold, in the tenant's role order
 */
public record InvitationView(String email, String name, List<String> roles) {

    public InvitationView {
        Objects.requireNonNull(email, "email");
        roles = List.copyOf(roles);
    }
}
