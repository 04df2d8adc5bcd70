package ai.codemie.auth.policy;

import ai.codemie.auth.error.AccessDeniedException;
import ai.codemie.auth.error.Problem;
import ai.codemie.auth.policy.DenyReason.TenantReason;
import java.util.Objects;

/**
 * The answer to a requirement: allow, or deny with a machine-readable {@link DenyReason} and the texts a client
 * is shown (HTTP 403). Immutable; two decisions are equal when their answer, reason and problem are.
 */
public final class Decision {

    private static final Decision ALLOW = new Decision(true, null, null, null);

    /** The message of every 403. */
    public static final String ACCESS_DENIED = "Access denied";

    private final boolean allowed;
    private final DenyReason reason;
    /** The 403's details; null for a tenant reason, whose own text they are. */
    private final String details;
    private final String help;
    /** The 403, made on first use; racy but idempotent, like String's hash. */
    private Problem problem;

    private Decision(boolean allowed, DenyReason reason, String details, String help) {
        this.allowed = allowed;
        this.reason = reason;
        this.details = details;
        this.help = help;
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
        return new Decision(false, Objects.requireNonNull(reason, "reason"), details, help);
    }

    /**
     * Denied in a tenant with "Access denied" and the reason's own {@link TenantReason#details() details}, which are
     * made only when the problem is asked for.
     */
    public static Decision deny(TenantReason reason) {
        return deny(reason, null, null);
    }

    /** Whether the requirement is met. */
    public boolean allowed() {
        return allowed;
    }

    /** Whether the requirement is not met. */
    public boolean denied() {
        return !allowed;
    }

    /** Why not; null when allowed. */
    public DenyReason reason() {
        return reason;
    }

    /** What the client is told: a 403 "Access denied" with the reason's code; null when allowed. */
    public Problem problem() {
        Problem p = problem;
        if (p == null && !allowed) {
            String text = details == null && reason instanceof TenantReason tenant ? tenant.details() : details;
            p = new Problem(Problem.Status.FORBIDDEN, reason.code(), ACCESS_DENIED, text, help);
            problem = p;
        }
        return p;
    }

    /** Throws the 403 this decision stands for, carrying it; does nothing when allowed. */
    public void orThrow() {
        if (!allowed) {
            throw new AccessDeniedException(this);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Decision other && allowed == other.allowed && Objects.equals(reason, other.reason)
                && Objects.equals(problem(), other.problem());
    }

    @Override
    public int hashCode() {
        return Objects.hash(allowed, reason, problem());
    }

    /** One line for the log: {@code allow} or {@code deny <code>: <details>}. */
    @Override
    public String toString() {
        return allowed ? "allow" : "deny " + reason + ": " + problem().details();
    }
}
