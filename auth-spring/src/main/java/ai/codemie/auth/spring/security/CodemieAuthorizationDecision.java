package ai.codemie.auth.spring.security;

import ai.codemie.auth.policy.Decision;
import java.util.Objects;
import org.springframework.security.authorization.AuthorizationDecision;

/** A Spring Security decision that carries the library's {@link Decision}, with its reason and texts. */
public final class CodemieAuthorizationDecision extends AuthorizationDecision {

    private final Decision decision;

    public CodemieAuthorizationDecision(Decision decision) {
        super(Objects.requireNonNull(decision, "decision").allowed());
        this.decision = decision;
    }

    /** The library's decision. */
    public Decision decision() {
        return decision;
    }

    @Override
    public String toString() {
        return "CodemieAuthorizationDecision[" + decision + "]";
    }
}
