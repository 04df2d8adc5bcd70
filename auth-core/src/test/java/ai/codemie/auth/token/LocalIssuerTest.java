package ai.codemie.auth.token;

import static ai.codemie.auth.token.TestTokens.rejectionOf;
import static ai.codemie.auth.token.TestTokens.rsa;
import static ai.codemie.auth.token.TestTokens.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.ClaimPreset;
import ai.codemie.auth.config.IdpProvider;
import ai.codemie.auth.config.TrustedIssuer;
import ai.codemie.auth.error.InvalidConfigurationException;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The platform's local tokens ({@code iss=codemie-local}): issued from shared key files, verified from them. */
class LocalIssuerTest {

    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    static final RSAKey KEY = TestTokens.rsaKey(null);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(NOW);
    @AutoClose
    final Closer closer = new Closer();

    @Test
    void issuesTokensFromAPemPrivateKeyAndVerifiesThem() throws Exception {
        Path privateKey = write("private.pem", pem("PRIVATE KEY", KEY.toPrivateKey().getEncoded()));
        JwtTokenVerifier verifier = verifier(b -> b.set(AuthSettings.LOCAL_PRIVATE_KEY_FILE, privateKey));
        LocalTokenIssuer issuer = verifier.localTokenIssuer().orElseThrow();

        String token = issuer.issue("0b5e6d1c-3f1e-4c1b-9a7e-6f1f8f5d2a10", "alice@example.com");
        VerifiedToken verified = verifier.verify(token);

        assertThat(verified.issuer().issuer()).isEqualTo("codemie-local");
        assertThat(verified.subject()).isEqualTo("0b5e6d1c-3f1e-4c1b-9a7e-6f1f8f5d2a10");
        assertThat(verified.claims()).containsEntry("email", "alice@example.com")
                .containsEntry("auth_source", "local")
                .containsEntry("iat", NOW.getEpochSecond())
                .containsEntry("exp", NOW.getEpochSecond() + 3600);
        JWSObject jws = JWSObject.parse(token);
        assertThat(jws.getHeader().getKeyID()).isEqualTo(issuer.keyId()).isEqualTo(KEY.computeThumbprint().toString());
        assertThat(jws.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
    }

    @Test
    void issuesFurtherClaimsButNeverLetsThemReplaceItsOwn() throws Exception {
        Path privateKey = write("private.pem", pem("PRIVATE KEY", KEY.toPrivateKey().getEncoded()));
        JwtTokenVerifier verifier = verifier(b -> b.set(AuthSettings.LOCAL_PRIVATE_KEY_FILE, privateKey));
        LocalTokenIssuer issuer = verifier.localTokenIssuer().orElseThrow();

        VerifiedToken verified = verifier.verify(issuer.issue("user-1", null,
                Map.of("realm_access", Map.of("roles", List.of("developer")), "applications", List.of("proj-a"))));

        assertThat(verified.claims()).containsEntry("realm_access", Map.of("roles", List.of("developer")))
                .containsEntry("applications", List.of("proj-a")).containsEntry("iss", "codemie-local");
        for (String own : List.of("iss", "sub", "email", "auth_source", "iat", "exp")) {
            assertThat(catchThrowableOfType(IllegalArgumentException.class,
                    () -> issuer.issue("user-1", null, Map.of(own, "x")))).as(own).isNotNull();
        }
    }

    @Test
    void readsTraditionalRsaPemKeys() throws Exception {
        byte[] pkcs8 = KEY.toPrivateKey().getEncoded();
        byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length); // after the PKCS#8 wrapper of a 2048-bit key
        assertThat(pkcs8[22]).as("OCTET STRING tag").isEqualTo((byte) 0x04);
        byte[] spki = KEY.toRSAPublicKey().getEncoded();
        byte[] publicPkcs1 = Arrays.copyOfRange(spki, 24, spki.length); // after the SubjectPublicKeyInfo wrapper
        Path privateKey = write("private-rsa.pem", pem("RSA PRIVATE KEY", pkcs1));
        Path publicKey = write("public-rsa.pem", pem("RSA PUBLIC KEY", publicPkcs1));

        LocalTokenIssuer issuer = LocalTokenIssuer.fromSettings(settings(b -> b
                .set(AuthSettings.LOCAL_PRIVATE_KEY_FILE, privateKey)), clock);
        JwtTokenVerifier verifier = verifier(b -> b.set(AuthSettings.LOCAL_PUBLIC_KEY_FILE, publicKey));

        assertThat(verifier.verify(issuer.issue("user-1", null)).claims()).doesNotContainKey("email");
    }

    @Test
    void verifiesThePlatformsKidlessTokensAgainstAKeySetWithOneKidlessKey() throws Exception {
        Path publicKeys = write("jwks.json", "{\"keys\":[{\"kty\":\"RSA\",\"n\":\"" + KEY.getModulus()
                + "\",\"e\":\"" + KEY.getPublicExponent() + "\"}]}");
        JwtTokenVerifier verifier = verifier(b -> b.set(AuthSettings.LOCAL_PUBLIC_KEY_FILE, publicKeys));
        String platformToken = platformToken("RS256", KEY);

        VerifiedToken verified = verifier.verify(platformToken);

        assertThat(verified.subject()).isEqualTo("user-1");
        assertThat(verified.claims()).containsEntry("auth_source", "local");
    }

    @Test
    void anotherReplicaVerifiesWithTheSharedPublicKeyFile() throws Exception {
        Path privateKey = write("private.pem", pem("PRIVATE KEY", KEY.toPrivateKey().getEncoded()));
        Path kidlessSet = write("jwks.json", "{\"keys\":[{\"kty\":\"RSA\",\"n\":\"" + KEY.getModulus()
                + "\",\"e\":\"" + KEY.getPublicExponent() + "\"}]}");
        Path publicPem = write("public.pem", pem("PUBLIC KEY", KEY.toRSAPublicKey().getEncoded()));
        String token = verifier(b -> b.set(AuthSettings.LOCAL_PRIVATE_KEY_FILE,
                privateKey)).localTokenIssuer().orElseThrow()
                .issue("user-1", "alice@example.com");

        assertThat(verifier(b -> b.set(AuthSettings.LOCAL_PUBLIC_KEY_FILE,
                kidlessSet)).verify(token).subject()).isEqualTo("user-1");
        assertThat(verifier(b -> b.set(AuthSettings.LOCAL_PUBLIC_KEY_FILE,
                publicPem)).verify(token).subject()).isEqualTo("user-1");
    }

    @Test
    void issuesWithTheKidOfAJwkPrivateKeyFile() throws Exception {
        RSAKey named = new RSAKey.Builder(KEY).keyID("local-2026").build();
        Path privateKey = write("private.jwk", named.toJSONString());
        JwtTokenVerifier verifier = verifier(b -> b.set(AuthSettings.LOCAL_PRIVATE_KEY_FILE, privateKey));
        LocalTokenIssuer issuer = verifier.localTokenIssuer().orElseThrow();

        String token = issuer.issue("user-1", "alice@example.com");

        assertThat(JWSObject.parse(token).getHeader().getKeyID()).isEqualTo("local-2026");
        assertThat(verifier.verify(token).subject()).isEqualTo("user-1");
    }

    @Test
    void publishesOnlyThePublicKeyAndATrustedIssuerEntryCanVerifyFromIt() throws Exception {
        Path privateKey = write("private.pem", pem("PRIVATE KEY", KEY.toPrivateKey().getEncoded()));
        LocalTokenIssuer issuer = LocalTokenIssuer.fromSettings(settings(b -> b
                .set(AuthSettings.LOCAL_PRIVATE_KEY_FILE, privateKey)), clock);

        Map<String, Object> jwks = JSONObjectUtils.parse(issuer.publicJwkSet());
        JWKSet published = JWKSet.parse(jwks);
        assertThat(published.getKeys()).hasSize(1);
        assertThat(published.getKeys().get(0).isPrivate()).isFalse();
        assertThat(issuer.publicJwkSet()).doesNotContain("\"d\"");
        assertThat(published.getKeys().get(0).getKeyID()).isEqualTo(issuer.keyId());

        JwksServer server = closer.track(new JwksServer(published.getKeys().get(0)));
        JwtTokenVerifier verifier = closer.track(TokenVerifiers.create(AuthSettings.builder()
                .set(AuthSettings.IDP_PROVIDER, IdpProvider.LOCAL)
                .addTrustedIssuer(TrustedIssuer.withJwks("codemie-local", null, server.jwksUri(), ClaimPreset.KEYCLOAK))
                .build(), clock));
        assertThat(verifier.verify(issuer.issue("user-1", "alice@example.com")).subject()).isEqualTo("user-1");
    }

    @Test
    void generatesAPerProcessKeyOnlyUnderTheDevelopmentSwitch() {
        JwtTokenVerifier first = verifier(b -> b.set(AuthSettings.DEV_GENERATE_LOCAL_KEY, true));
        JwtTokenVerifier second = verifier(b -> b.set(AuthSettings.DEV_GENERATE_LOCAL_KEY, true));
        LocalTokenIssuer firstIssuer = first.localTokenIssuer().orElseThrow();

        assertThat(first.verify(firstIssuer.issue("user-1", null)).subject()).isEqualTo("user-1");
        assertThat(firstIssuer.keyId()).isNotEqualTo(second.localTokenIssuer().orElseThrow().keyId());
        assertThat(rejectionOf(second, firstIssuer.issue("user-1", null)))
                .isEqualTo(TokenRejection.UNKNOWN_KEY);

        InvalidConfigurationException noKey = catchThrowableOfType(InvalidConfigurationException.class,
                () -> LocalTokenIssuer.fromSettings(AuthSettings.builder().set(AuthSettings.IDP_PROVIDER,
                        IdpProvider.LOCAL)
                        .set(AuthSettings.LOCAL_PUBLIC_KEY_FILE, dir.resolve("unused.pem")).build()));
        assertThat(noKey.setting()).isEqualTo(AuthSettings.LOCAL_PRIVATE_KEY_FILE.name());
    }

    @Test
    void theDevelopmentKeyIsTheOnlyKeyItsVerifierTrusts() throws Exception {
        JwtTokenVerifier development = verifier(b -> b.set(AuthSettings.DEV_GENERATE_LOCAL_KEY, true));
        String developmentKid = development.localTokenIssuer().orElseThrow().keyId();

        // the shared production key, by a platform token without kid and by one naming the development key's kid
        assertThat(rejectionOf(development, platformToken("RS256", KEY))).isEqualTo(TokenRejection.BAD_SIGNATURE);
        assertThat(rejectionOf(development, token("RS256", developmentKid, platformClaims(), rsa(KEY))))
                .isEqualTo(TokenRejection.BAD_SIGNATURE);
        // and no way to put a key file beside it
        Path privateKey = write("private.pem", pem("PRIVATE KEY", KEY.toPrivateKey().getEncoded()));
        Path publicKey = write("public.pem", pem("PUBLIC KEY", KEY.toRSAPublicKey().getEncoded()));
        for (UnaryOperator<AuthSettings.Builder> keyFile : List.<UnaryOperator<AuthSettings.Builder>>of(
                b -> b.set(AuthSettings.LOCAL_PRIVATE_KEY_FILE, privateKey), b -> b
                        .set(AuthSettings.LOCAL_PUBLIC_KEY_FILE, publicKey),
                b -> b.set(AuthSettings.LOCAL_PRIVATE_KEY_FILE, privateKey).set(AuthSettings.LOCAL_PUBLIC_KEY_FILE,
                        publicKey))) {
            assertThat(catchThrowableOfType(InvalidConfigurationException.class,
                    () -> verifier(b -> keyFile.apply(b.set(AuthSettings.DEV_GENERATE_LOCAL_KEY, true)))).setting())
                    .isEqualTo(AuthSettings.DEV_GENERATE_LOCAL_KEY.name());
        }
    }

    @Test
    void refusesAKeyShorterThan2048Bits() throws Exception {
        RSAKey weak = TestTokens.weakRsaKey(null, 1024);
        Path privateKey = write("weak.pem", pem("PRIVATE KEY", weak.toPrivateKey().getEncoded()));
        Path publicKey = write("weak-public.pem", pem("PUBLIC KEY", weak.toRSAPublicKey().getEncoded()));

        assertThat(catchThrowableOfType(InvalidConfigurationException.class,
                () -> verifier(b -> b.set(AuthSettings.LOCAL_PRIVATE_KEY_FILE, privateKey))).setting())
                .isEqualTo(AuthSettings.LOCAL_PRIVATE_KEY_FILE.name());
        assertThat(catchThrowableOfType(InvalidConfigurationException.class,
                () -> verifier(b -> b.set(AuthSettings.LOCAL_PUBLIC_KEY_FILE, publicKey))).setting())
                .isEqualTo(AuthSettings.LOCAL_PUBLIC_KEY_FILE.name());
    }

    @Test
    void namesTheSettingOfAnUnreadableOrForeignKeyFile() throws Exception {
        Path missing = dir.resolve("missing.pem");
        Path ecKey = write("ec.pem", pem("PUBLIC KEY", TestTokens.ecKey("ec").toECPublicKey().getEncoded()));
        Path notAKey = write("text.pem", "hello");

        for (Path file : List.of(missing, ecKey, notAKey)) {
            assertThat(catchThrowableOfType(InvalidConfigurationException.class,
                    () -> verifier(b -> b.set(AuthSettings.LOCAL_PUBLIC_KEY_FILE, file))).setting())
                    .isEqualTo(AuthSettings.LOCAL_PUBLIC_KEY_FILE.name());
        }
    }

    @Test
    void refusesLocalTokensSignedWithAnotherKeyExpiredOrNotRs256() throws Exception {
        Path publicPem = write("public.pem", pem("PUBLIC KEY", KEY.toRSAPublicKey().getEncoded()));
        JwtTokenVerifier verifier = verifier(b -> b.set(AuthSettings.LOCAL_PUBLIC_KEY_FILE, publicPem));
        String genuine = platformToken("RS256", KEY);

        assertThat(rejectionOf(verifier, platformToken("RS256", TestTokens.rsaKey(null))))
                .isEqualTo(TokenRejection.BAD_SIGNATURE);
        assertThat(rejectionOf(verifier, platformToken("PS256", KEY))).isEqualTo(TokenRejection.UNSUPPORTED_ALGORITHM);
        clock.advance(Duration.ofHours(2));
        assertThat(rejectionOf(verifier, genuine)).isEqualTo(TokenRejection.EXPIRED);
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private AuthSettings settings(UnaryOperator<AuthSettings.Builder> tweak) {
        return tweak.apply(AuthSettings.builder().set(AuthSettings.IDP_PROVIDER, IdpProvider.LOCAL)).build();
    }

    private JwtTokenVerifier verifier(UnaryOperator<AuthSettings.Builder> tweak) {
        return closer.track(TokenVerifiers.create(settings(tweak), clock));
    }

    /** A token as the platform issues it: no kid. */
    private static String platformToken(String algorithm, RSAKey key) {
        return token(algorithm, "{\"alg\":\"" + algorithm + "\",\"typ\":\"JWT\"}", TestTokens.json(platformClaims()),
                rsa(key));
    }

    private static Map<String, Object> platformClaims() {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "codemie-local");
        claims.put("sub", "user-1");
        claims.put("email", "alice@example.com");
        claims.put("auth_source", "local");
        claims.put("iat", NOW.getEpochSecond());
        claims.put("exp", NOW.getEpochSecond() + 3600);
        return claims;
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
