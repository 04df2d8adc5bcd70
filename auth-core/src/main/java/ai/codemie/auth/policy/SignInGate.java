package ai.codemie.auth.policy;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.model.EffectivePermissions;
import java.util.Set;

/**
 * The sign-in gate: a caller who is not an admin or maintainer and holds none of the sign-in roles
 * is refused, until an administrator assigns a role. Met by everyone when switched off.
 */
public final class SignInGate implements Requirement {

    /** Details of a refused sign-in. */
    public static final String DETAILS = "No role is assigned to your account yet.";
    /** Help of a refused sign-in. */
    public static final String HELP = "Ask an administrator to assign you a role, such as developer.";

    private final boolean enabled;
    private final Set<String> signInRoles;
    private final Decision refusal;

    private SignInGate(boolean enabled, Set<String> signInRoles) {
        this.enabled = enabled;
        this.signInRoles = Set.copyOf(signInRoles);
        this.refusal = Decision.deny(new DenyReason.NoSignInRole(this.signInRoles), DETAILS, HELP);
    }

    /** The gate as configured ({@code CODEMIE_AUTH_SIGN_IN_GATE}, {@code CODEMIE_AUTH_SIGN_IN_ROLES}). */
    public static SignInGate from(AuthSettings settings) {
        return new SignInGate(settings.get(AuthSettings.SIGN_IN_GATE), settings.get(AuthSettings.SIGN_IN_ROLES));
    }

    @Override
    public Decision check(EffectivePermissions permissions) {
        if (!enabled || permissions.admin()) {
            return Decision.allow();
        }
        for (String role : permissions.roles()) {
            if (signInRoles.contains(role)) {
                return Decision.allow();
            }
        }
        return refusal;
    }

    @Override
    public String describe() {
        return enabled ? "signInGate" + signInRoles : "signInGate(off)";
    }
}
