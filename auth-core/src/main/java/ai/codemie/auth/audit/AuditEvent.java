package ai.codemie.auth.audit;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One administrative change: who made it, what it was, where (a tenant, a project, or neither for a platform-level
 * change), on what, and the state of the changed thing before and after.
 *
 * @param at     when the change committed
 * @param actor  the user id of the caller who made the change, or for a change an automated run made (the Keycloak
 *               user import) the identity that run acts as
 * @param action what was done, a dotted name such as {@code tenant.role.create} or {@code user.deactivate}
 * @param tenant the tenant the change belongs to, or null
 * @param project the project the change belongs to, or null
 * @param target what the change acted on (a user id, a role name, an e-mail, a tenant id), or null
 * @param before the changed thing's state before (empty when it did not exist); values are strings, numbers,
 *               booleans or lists of strings, in a stable order
 * @param after  the changed thing's state after (empty when it no longer exists), in the same form
 */
public record AuditEvent(Instant at, String actor, String action, String tenant, String project, String target,
        Map<String, Object> before, Map<String, Object> after) {

    /** Checks the required members and freezes the state maps in their given order. */
    public AuditEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        before = frozen(before);
        after = frozen(after);
    }

    private static Map<String, Object> frozen(Map<String, Object> state) {
        return state == null || state.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(state));
    }
}
