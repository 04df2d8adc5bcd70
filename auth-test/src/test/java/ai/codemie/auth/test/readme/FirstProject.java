package ai.codemie.auth.test.readme;

import ai.codemie.auth.CodemieAuth;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.TrustedIssuer;
import ai.codemie.auth.jdbc.JdbcUserStore;
import ai.codemie.auth.model.EffectivePermissions;
import javax.sql.DataSource;

public class FirstProject {

    /** An admin creates proj-a and adds Alice to it; answers whether Alice's next request has access to it. */
    public static boolean run(TrustedIssuer trustedIssuer, DataSource dataSource, String adminToken,
            String aliceToken, String aliceId) {
        AuthSettings settings = AuthSettings.builder().set(AuthSettings.ENABLE_USER_MANAGEMENT, true)
                .addTrustedIssuer(trustedIssuer).build();
        try (JdbcUserStore store = JdbcUserStore.create(dataSource);  // the platform's tables, schema codemie
             CodemieAuth auth = CodemieAuth.builder(settings).userStore(store).build()) {
            EffectivePermissions admin = auth.authenticate(adminToken);  // first login creates the user
            auth.authenticate(aliceToken);                               // and Alice's hers
            auth.administration().createSharedProject(admin, "proj-a", "Team project");
            auth.administration().assignMember(admin, "proj-a", aliceId, false);  // the rules, the project limit
            return auth.authenticate(aliceToken).hasProjectAccess("proj-a");      // true on her very next request
        }
    }
}
