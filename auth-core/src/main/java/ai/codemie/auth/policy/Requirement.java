package ai.codemie.auth.policy;

import ai.codemie.auth.model.EffectivePermissions;

/**
 * Something a caller must satisfy to proceed, checked against their effective permissions. Implementations
 * are immutable and thread-safe; {@link Requirements} has the platform's requirements.
 */
public interface Requirement {

    /** Whether the caller meets this requirement; may throw, which {@link Authorizer} turns into a deny. */
    Decision check(EffectivePermissions permissions);

    /** A short description for reports and logs, e.g. {@code projectAccess(proj-a)}. */
    String describe();
}
