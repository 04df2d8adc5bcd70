package ai.codemie.auth.admin.tenant;

import ai.codemie.auth.model.TenantNames;
import ai.codemie.auth.store.Invitation;
import ai.codemie.auth.store.StoreTransaction;
import ai.codemie.auth.store.StoredUser;
import ai.codemie.auth.store.TenantMembership;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What applying a validated import to a tenant changes, worked out from three reads whatever the number of rows (the
 * users with the rows' e-mails, the tenant's members, its invitations), and counted as the answer reports it.
 */
final class ImportPlan {

    /** The roles to give each known user (the membership added when missing). */
    final Map<String, List<String>> memberRoles = new LinkedHashMap<>();
    /** The invitations to create, or to give roles to when pending. */
    final List<Invitation> invitations = new ArrayList<>();
    private int usersAdded;
    private int rolesAdded;
    private int placeholdersCreated;
    private int unchanged;

    private ImportPlan() {
    }

    static ImportPlan of(StoreTransaction tx, String tenant, ValidatedImport rows) {
        Map<String, List<StoredUser>> usersByEmail = new HashMap<>();
        for (StoredUser user : tx.users().findByEmailsIgnoringCase(rows.emailKeys())) {
            usersByEmail.computeIfAbsent(user.email().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(user);
        }
        Map<String, List<String>> members = new HashMap<>();
        for (TenantMembership member : tx.tenants().members(tenant)) {
            members.put(member.userId(), member.roleNames());
        }
        Map<String, List<String>> pending = new HashMap<>();
        for (Invitation invitation : tx.invitations().list(tenant)) {
            pending.put(Invitation.emailKey(invitation.email()), invitation.roleNames());
        }
        ImportPlan plan = new ImportPlan();
        List<ImportError> errors = new ArrayList<>();
        for (ValidatedRow row : rows.rows()) {
            List<StoredUser> users = usersByEmail.getOrDefault(row.emailKey(), List.of());
            StoredUser user = users.stream().filter(u -> u.email().equals(row.email())).findFirst()
                    .orElse(users.size() == 1 ? users.get(0) : null);
            if (user == null && users.size() > 1) {
                errors.add(new ImportError(row.line(), ImportRow.EMAIL, "several users have the e-mail '"
                        + row.email() + "' in different cases; write it as one of them does"));
            } else if (user != null) {
                plan.user(user.id(), row.roles(), members.get(user.id()));
            } else {
                plan.invitation(tenant, row, pending.get(row.emailKey()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ImportRejectedException(errors);
        }
        return plan;
    }

    private void user(String userId, Set<String> roles, List<String> held) {
        if (held == null) {
            usersAdded++;
        } else {
            int added = missing(roles, held);
            if (added == 0) {
                unchanged++;
                return;
            }
            rolesAdded += added;
        }
        memberRoles.put(userId, List.copyOf(roles));
    }

    private void invitation(String tenant, ValidatedRow row, List<String> held) {
        if (held == null) {
            placeholdersCreated++;
        } else {
            int added = missing(row.roles(), held);
            if (added == 0) {
                unchanged++;
                return;
            }
            rolesAdded += added;
        }
        invitations.add(new Invitation(tenant, row.email(), row.name().isEmpty() ? null : row.name(),
                List.copyOf(row.roles())));
    }

    /** How many of the roles are not among those held, compared ignoring case. */
    private static int missing(Set<String> roles, List<String> held) {
        List<String> heldKeys = held.stream().map(TenantNames::roleKey).toList();
        return (int) roles.stream().filter(role -> !heldKeys.contains(TenantNames.roleKey(role))).count();
    }

    ImportResult result(boolean dryRun) {
        return new ImportResult(usersAdded, rolesAdded, placeholdersCreated, unchanged, dryRun);
    }
}
