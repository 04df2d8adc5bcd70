package ai.codemie.auth.error;

import ai.codemie.auth.policy.Decision;
import java.util.Objects;

/** The caller is known but lacks a permission (HTTP 403); carries the {@link Decision} that refused it. */
public class AccessDeniedException extends AuthException {

    private static final long serialVersionUID = 1L;

    private final transient Decision decision;

    /**
     * The refusal a denying decision stands for; its problem is the decision's.
     *
     * @throws IllegalArgumentException for a decision that allows, or whose problem is not a 403
     */
    public AccessDeniedException(Decision decision) {
        super(requireDenial(decision).problem());
        this.decision = decision;
    }

    /** The decision that refused the caller, with its machine-readable {@link Decision#reason() reason}. */
    public Decision decision() {
        return decision;
    }

    private static Decision requireDenial(Decision decision) {
        if (Objects.requireNonNull(decision, "decision").allowed()) {
            throw new IllegalArgumentException("an allowing decision is no access denial");
        }
        if (decision.problem().status() != Problem.Status.FORBIDDEN) {
            throw new IllegalArgumentException("an access denial is a 403, not " + decision.problem().status());
        }
        return decision;
    }
}
