package ai.codemie.auth.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.codemie.auth.CodemieAuth;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.token.TokenRejectedException;
import ai.codemie.auth.token.TokenRejection;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's trusted issuer, configured exactly as the README writes it (with the host of a real Keycloak 26), signs
 * in users of the realm's {@code codemie-cli} client, which has the audience mapper the README asks for; and the
 * Keycloak surprises the README describes are what Keycloak does.
 */
class ReadmeKeycloakIT {

    /** The host of the README's examples, replaced by the test's Keycloak. */
    static final String README_HOST = "https://keycloak.example.com";

    static KeycloakProcess keycloak;
    static CodemieAuth auth;

    @BeforeAll
    static void startKeycloak() throws Exception {
        keycloak = KeycloakProcess.start();
        String host = keycloak.issuer().substring(0, keycloak.issuer().indexOf("/realms/"));
        String trustedIssuers = "[" + readmeTrustedIssuer().replace(README_HOST, host) + "]";
        auth = CodemieAuth.builder(AuthSettings.fromEnvironment(Map.of(AuthSettings.JWKS_TRUSTED_ISSUERS.name(),
                trustedIssuers))).build();
    }

    @AfterAll
    static void stopKeycloak() {
        if (auth != null) {
            auth.close();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void readmesTrustedIssuerNamesThisRealm() throws Exception {
        assertThat(readmeTrustedIssuer()).contains("\"issuer\": \"" + README_HOST + "/realms/" + KeycloakProcess.REALM
                + "\"", "\"audience\": \"codemie\"");
    }

    @Test
    void signsInAPasswordGrantTokenOfTheClientWithTheAudienceMapper() throws Exception {
        String token = accessToken("codemie-cli", "alice");

        EffectivePermissions alice = auth.authenticate(token);

        assertThat(alice.identity().username()).isEqualTo("alice");
        assertThat(alice.identity().email()).isEqualTo("alice@example.com");
        assertThat(alice.admin()).isFalse();
        // the realm's default roles come along, as the README warns
        assertThat(alice.roles()).contains("developer", "default-roles-" + KeycloakProcess.REALM, "offline_access",
                "uma_authorization");
        // one comma-joined attribute value, as the platform keeps it
        assertThat(alice.projects()).containsExactly("proj-a", "proj-b");
        assertThat(alice.adminProjects()).containsExactly("proj-a");
        assertThat(alice.hasProjectAccess("proj-b")).isTrue();
        assertThat(payload(token).get("aud")).isEqualTo(List.of("codemie", "account"));
        assertThat(auth.authenticate(accessToken("codemie-cli", "bob")).admin()).isTrue();
    }

    @Test
    void refusesAClientWithoutAudienceMapperNamingTheAudienceOnceInTheLog() throws Exception {
        String token = accessToken("codemie-cli-multivalued", "alice");
        assertThat(payload(token).get("aud")).isEqualTo("account");

        String log = standardErrorDuring(() -> {
            for (int i = 0; i < 3; i++) {
                TokenRejectedException refused = catchThrowableOfType(TokenRejectedException.class,
                        () -> auth.authenticate(token));
                assertThat(refused.rejection()).isEqualTo(TokenRejection.WRONG_AUDIENCE);
                assertThat(refused.problem().details())
                        .isEqualTo("This service accepts only tokens whose audience (aud) includes 'codemie'.");
            }
        });

        assertThat(Arrays.stream(log.split("\n")).filter(line -> line.contains("WARN"))).singleElement()
                .asString().contains("'" + keycloak.issuer() + "'", "audience (aud) is 'account'", "'codemie'");
    }

    @Test
    void aSingleValuedMapperKeepsOnlyTheFirstOfSeveralValues() throws Exception {
        // Bob's applications attribute has two values, proj-a and proj-b
        EffectivePermissions bob = auth.authenticate(accessToken("codemie-cli", "bob"));
        Map<String, Object> multivalued = payload(accessToken("codemie-cli-multivalued", "bob"));

        assertThat(bob.projects()).containsExactly("proj-a");
        assertThat(multivalued.get("applications")).isEqualTo(List.of("proj-a", "proj-b"));
    }

    @Test
    void refusesTheRefreshTokenAsNotAnAccessToken() throws Exception {
        String refreshToken = (String) keycloak.passwordGrant("codemie-cli", "alice", "alice-pw").get("refresh_token");

        TokenRejectedException refused = catchThrowableOfType(TokenRejectedException.class,
                () -> auth.authenticate(refreshToken));

        assertThat(refused.rejection()).isEqualTo(TokenRejection.WRONG_TOKEN_TYPE);
        assertThat(refused.problem().details()).startsWith("This is a refresh token");
    }

    /** The README's trusted issuer example: its first JSON block naming an issuer. */
    static String readmeTrustedIssuer() throws Exception {
        Matcher block = Pattern.compile("```json\n(\\{\"issuer\".*?)```", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("../README.md")));
        assertThat(block.find()).as("a trusted issuer example in the README").isTrue();
        return block.group(1);
    }

    private static String accessToken(String client, String user) throws Exception {
        return (String) keycloak.passwordGrant(client, user, user + "-pw").get("access_token");
    }

    private static Map<String, Object> payload(String token) throws Exception {
        return JSONObjectUtils.parse(new String(Base64URL.from(token.split("\\.")[1]).decode(),
                StandardCharsets.UTF_8));
    }

    /** What slf4j-simple wrote while the action ran (it writes to whatever System.err is at the time). */
    private static String standardErrorDuring(Runnable action) {
        PrintStream standardError = System.err;
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        System.setErr(new PrintStream(written, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(standardError);
        }
        return written.toString(StandardCharsets.UTF_8);
    }
}
