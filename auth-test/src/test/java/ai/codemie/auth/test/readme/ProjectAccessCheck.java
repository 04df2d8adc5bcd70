package ai.codemie.auth.test.readme;

import ai.codemie.auth.CodemieAuth;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.ClaimPreset;
import ai.codemie.auth.config.TrustedIssuer;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.policy.Decision;
import ai.codemie.auth.policy.Requirements;
import java.net.URI;

public class ProjectAccessCheck {

    /** Arguments: the issuer (iss), its JWKS URL, a bearer token. Prints whether the caller may open proj-b. */
    public static void main(String[] args) {
        String issuer = args[0];                // https://keycloak.example.com/realms/codemie-prod
        URI jwksUri = URI.create(args[1]);      // .../realms/codemie-prod/protocol/openid-connect/certs
        AuthSettings settings = AuthSettings.builder()  // or AuthSettings.fromEnvironment(System.getenv())
                .addTrustedIssuer(TrustedIssuer.withJwks(issuer,
                        "codemie",              // what the tokens' "aud" holds (see "Keycloak"); null: not checked
                        jwksUri, ClaimPreset.KEYCLOAK))
                .build();                       // a bad setting stops here, naming the setting
        try (CodemieAuth auth = CodemieAuth.builder(settings).build()) {  // one per application; thread-safe
            EffectivePermissions caller = auth.authenticate(args[2]);     // 401, 403 (sign-in gate), 503: exceptions
            Decision decision = auth.authorize(caller, Requirements.projectAccess("proj-b"));
            if (decision.allowed()) {                                     // decision.orThrow() throws the 403 instead
                System.out.println("allowed");
            } else {
                System.out.println(decision.reason().code() + ": " + decision.problem().details());
            }
        }
    }
}
