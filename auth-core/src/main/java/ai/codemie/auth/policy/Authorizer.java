package ai.codemie.auth.policy;

import ai.codemie.auth.model.EffectivePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers requirements, failing closed: a caller nobody authenticated and a requirement that throws are each a deny,
 * never an allow. Every adapter decides here. Stateless and thread-safe.
 */
public final class Authorizer {

    private static final Logger LOG = LoggerFactory.getLogger(Authorizer.class);

    private static final Decision NOT_AUTHENTICATED = Decision.deny(
            new DenyReason.DecisionError("not authenticated by codemie-auth"), "The request is not authenticated.");

    private static final Decision ERROR = Decision.deny(new DenyReason.DecisionError("exception while deciding"),
            "The request could not be authorized.");

    /** The caller's answer to the requirement; a null caller (nobody authenticated) is denied. */
    public Decision decide(EffectivePermissions permissions, Requirement requirement) {
        if (permissions == null) {
            return NOT_AUTHENTICATED;
        }
        try {
            Decision decision = requirement.check(permissions);
            if (decision == null) {
                throw new IllegalStateException("requirement " + requirement.describe() + " returned no decision");
            }
            if (decision.denied() && LOG.isDebugEnabled()) {
                LOG.debug("{} for user {} on {}", decision, permissions.id(), requirement.describe());
            }
            return decision;
        } catch (RuntimeException e) {
            LOG.error("Denied user {} on {}: the requirement failed", permissions.id(),
                    requirement == null ? null : requirement.describe(), e);
            return ERROR;
        }
    }
}
