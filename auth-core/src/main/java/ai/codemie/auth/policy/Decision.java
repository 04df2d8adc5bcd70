package ai.codemie.auth.policy;

import ai.codemie.auth.error.AccessDeniedException;
import ai.codemie.auth.error.Problem;
import java.util.Objects;

/**
 * The answer to a requirement: allow, or deny with a machine-readable {@link DenyReason} and the texts a client
 * is shown (HTTP 403). Immutable.
 *
 * @param allowed whether the requirement is met
 * @param reason  why not; null when allowed
 * @param problem what the client is told; null when allowed
 */
public record Decision(boolean allowed, DenyReason reason, Problem problem) {

    private static final Decision ALLOW = new Decision(true, null, null);

    /** The message of every 403. */
    public static final String ACCESS_DENIED = "Access denied";

    public Decision {
        if (allowed && (reason != null || problem != null)) {
            throw new IllegalArgumentException("an allow carries no reason");
        }
        if (!allowed) {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(problem, "problem");
        }
    }

    /** The requirement is met. */
    public static Decision allow() {
        return ALLOW;
    }

    /** Denied with "Access denied" and the given details (and no help). */
    public static Decision deny(DenyReason reason, String details) {
        return deny(reason, details, null);
    }

    /** Denied with "Access denied", details and help. */
    public static Decision deny(DenyReason reason, String details, String help) {
        return new Decision(false, reason,
                new Problem(Problem.Status.FORBIDDEN, reason.code(), ACCESS_DENIED, details, help));
    }

    /** Whether the requirement is not met. */
    public boolean denied() {
        return !allowed;
    }

    /** Throws the 403 this decision stands for, carrying it; does nothing when allowed. */
    public void orThrow() {
        if (!allowed) {
            throw new AccessDeniedException(this);
        }
    }

    /** One line for the log: {@code allow} or {@code deny <code>: <details>}. */
    @Override
    public String toString() {
        return allowed ? "allow" : "deny " + reason + ": " + problem.details();
    }
}
