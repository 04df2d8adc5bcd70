package ai.codemie.auth.token;

import static ai.codemie.auth.token.TestTokens.rsa;
import static ai.codemie.auth.token.TestTokens.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.ClaimPreset;
import ai.codemie.auth.config.TrustedIssuer;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A token whose audience is not the configured one — Keycloak's {@code "aud": "account"} against an issuer trusted
 * for {@code codemie} — is refused with the expected audience in the details, and the operator reads once per issuer
 * at WARN which audience the tokens carried.
 */
class WrongAudienceTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final String ISSUER_A = "https://idp-a.example/realms/codemie";
    static final String ISSUER_B = "https://idp-b.example/realms/codemie";
    static final RSAKey KEY_A = TestTokens.rsaKey("a-rsa");
    static final RSAKey KEY_B = TestTokens.rsaKey("b-rsa");

    JwksServer idpA;
    JwksServer idpB;
    JwtTokenVerifier verifier;
    PrintStream standardError;
    ByteArrayOutputStream log;

    @BeforeEach
    void start() throws Exception {
        idpA = new JwksServer(KEY_A);
        idpB = new JwksServer(KEY_B);
        verifier = TokenVerifiers.create(AuthSettings.builder()
                .addTrustedIssuer(TrustedIssuer.withJwks(ISSUER_A, "codemie", idpA.jwksUri(), ClaimPreset.KEYCLOAK))
                .addTrustedIssuer(TrustedIssuer.withJwks(ISSUER_B, "codemie", idpB.jwksUri(), ClaimPreset.KEYCLOAK))
                .build(), Clock.fixed(NOW, ZoneOffset.UTC));
        // slf4j-simple writes to whatever System.err is when it logs
        standardError = System.err;
        log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void stop() {
        System.setErr(standardError);
        verifier.close();
        idpA.close();
        idpB.close();
    }

    @Test
    void namesTheExpectedAudienceInTheDetailsAndNeverTheToken() {
        String token = signed(ISSUER_A, KEY_A, "account");

        TokenRejectedException rejected = catchThrowableOfType(TokenRejectedException.class,
                () -> verifier.verify(token));

        assertThat(rejected.rejection()).isEqualTo(TokenRejection.WRONG_AUDIENCE);
        assertThat(rejected.problem().message()).isEqualTo("Invalid token audience");
        assertThat(rejected.problem().details())
                .isEqualTo("This service accepts only tokens whose audience (aud) includes 'codemie'.");
        for (String part : token.split("\\.")) {
            assertThat(rejected.problem().details()).doesNotContain(part);
        }
    }

    @Test
    void warnsOncePerIssuerWithTheAudienceTheTokensCarried() {
        for (int i = 0; i < 50; i++) {
            String token = signed(ISSUER_A, KEY_A, "account");
            catchThrowableOfType(TokenRejectedException.class, () -> verifier.verify(token));
        }
        catchThrowableOfType(TokenRejectedException.class,
                () -> verifier.verify(signed(ISSUER_B, KEY_B, List.of("account", "broker"))));
        catchThrowableOfType(TokenRejectedException.class,
                () -> verifier.verify(signed(ISSUER_B, KEY_B, "account")));

        List<String> warnings = warnings();
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).contains("WARN", "'" + ISSUER_A + "'", "audience (aud) is 'account'",
                "trusted only for audience 'codemie'", "Audience mapper", "JWKS_TRUSTED_ISSUERS");
        assertThat(warnings.get(1)).contains("'" + ISSUER_B + "'", "['account', 'broker']");
    }

    @Test
    void logsAMissingAudienceAndStripsControlCharactersFromTheOneItQuotes() {
        catchThrowableOfType(TokenRejectedException.class, () -> verifier.verify(signed(ISSUER_A, KEY_A, null)));
        catchThrowableOfType(TokenRejectedException.class,
                () -> verifier.verify(signed(ISSUER_B, KEY_B, "acc\nWARN forged line\u0007")));

        List<String> warnings = warnings();
        assertThat(warnings).hasSize(2);
        assertThat(warnings.get(0)).contains("audience (aud) is missing");
        assertThat(warnings.get(1)).contains("'accWARN forged line'");
    }

    @Test
    void acceptsATokenWithTheConfiguredAudienceAmongOthersWithoutWarning() {
        VerifiedToken verified = verifier.verify(signed(ISSUER_A, KEY_A, List.of("account", "codemie")));

        assertThat(verified.subject()).isEqualTo("user-1");
        assertThat(warnings()).isEmpty();
    }

    private List<String> warnings() {
        return Arrays.stream(log.toString(StandardCharsets.UTF_8).split("\n"))
                .filter(line -> line.contains("are refused (401 \"Invalid token audience\")")).toList();
    }

    private static String signed(String issuer, RSAKey key, Object audience) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", "user-1");
        if (audience != null) {
            claims.put("aud", audience);
        }
        claims.put("exp", NOW.getEpochSecond() + 300);
        claims.put("typ", "Bearer");
        return token("RS256", key.getKeyID(), claims, rsa(key));
    }
}
