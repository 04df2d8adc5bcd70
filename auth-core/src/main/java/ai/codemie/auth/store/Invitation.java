package ai.codemie.auth.store;

import ai.codemie.auth.model.TenantNames;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A placeholder membership for an e-mail no user has yet: when a user with that e-mail appears,
 * {@link InvitationRecords#accept} turns it into a membership with these roles.
 *
 * @param tenantId  the tenant
 * @param email     the e-mail as written; compared ignoring case ({@link #emailKey(String)})
 * @param name      the invitee's name, or null
 * @param roleNames the names, as written in the tenant, of the roles the membership will hold
 */
public record Invitation(String tenantId, String email, String name, List<String> roleNames) {

    public Invitation {
        TenantNames.requireTenantId(tenantId);
        if (Objects.requireNonNull(email, "email").isBlank()) {
            throw new IllegalArgumentException("an invitation needs an e-mail");
        }
        roleNames = List.copyOf(roleNames);
    }

    /** The form in which invitation e-mails are compared. */
    public static String emailKey(String email) {
        return email.toLowerCase(Locale.ROOT);
    }
}
