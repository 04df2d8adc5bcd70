package ai.codemie.auth.claims;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.TrustedIssuer;

/** Creates the claims mapper that fits a trusted issuer's preset (Keycloak, Entra ID, generic OIDC). */
public final class ClaimsMappers {

    private ClaimsMappers() {
    }

    /** The mapper for the tokens of one issuer. */
    public static ClaimsMapper forIssuer(AuthSettings settings, TrustedIssuer issuer) {
        return new StandardClaimsMapper(settings, issuer);
    }
}
