package ai.codemie.auth.examples.spring;

import ai.codemie.auth.admin.tenant.RoleView;
import ai.codemie.auth.policy.AccessExplanation;
import java.util.List;

/** The JSON shapes of the tenant endpoints that differ from the administration's own values (snake_case). */
final class TenantViews {

    private TenantViews() {
    }

    /** A role as the list of a tenant's roles shows it. */
    record Role(String name, String description, List<String> permissions) {
        static Role of(RoleView role) {
            return new Role(role.name(), role.description(), role.permissions());
        }
    }

    /** An explanation: {@code reason} is the denial's code, null when allowed. */
    record Access(boolean allowed, String reason, List<String> roles, List<String> grantingRoles,
            boolean boundaryAllows) {
        static Access of(AccessExplanation explanation) {
            return new Access(explanation.allowed(), explanation.reason() == null ? null : explanation.reason().code(),
                    explanation.roles(), explanation.grantingRoles(), explanation.boundaryAllows());
        }
    }
}
