package ai.codemie.auth.policy;

import ai.codemie.auth.model.EffectivePermissions;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The platform roles a caller answers to in a framework's role checks (a servlet request's {@code isUserInRole},
 * Spring Security's {@code hasRole}): the roles they hold, and the admin role name for every admin, since admin
 * status may come from {@code ADMIN_USER_ID} or the store rather than from the role.
 */
public final class AnsweredRoles {

    private AnsweredRoles() {
    }

    /**
     * The roles the caller answers to, in the order held, the admin role name last when added.
     *
     * @param adminRoleName the role that makes a user admin ({@code ADMIN_ROLE_NAME})
     */
    public static Set<String> of(EffectivePermissions permissions, String adminRoleName) {
        Objects.requireNonNull(adminRoleName, "adminRoleName");
        Set<String> held = permissions.roles();
        if (!permissions.admin() || held.contains(adminRoleName)) {
            return held;
        }
        Set<String> roles = new LinkedHashSet<>(held);
        roles.add(adminRoleName);
        return Collections.unmodifiableSet(roles);
    }
}
