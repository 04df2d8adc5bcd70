package ai.codemie.auth.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The identity provider of the benchmarks: one RSA-2048 key and Keycloak-shaped RS256 access tokens signed with
 * it. Every contender verifies against the public half of the same key.
 */
public final class BenchIssuer {

    /** The {@code iss} of every token. */
    public static final String ISSUER = "https://keycloak.bench.local/realms/codemie";
    /** The {@code aud} of every token, and the audience every contender requires. */
    public static final String AUDIENCE = "codemie";
    /** The role that makes a user admin, as in the library's default settings. */
    public static final String ADMIN_ROLE = "admin";

    private final RSAKey key;
    private final RSASSASigner signer;

    public BenchIssuer() {
        try {
            this.key = new RSAKeyGenerator(2048).keyID("bench-key").keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
            this.signer = new RSASSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot generate the benchmark key", e);
        }
    }

    /** The public key, as a JWK. */
    public RSAKey publicKey() {
        return key.toPublicJWK();
    }

    /**
     * A signed access token shaped like Keycloak's: realm roles, the platform's role mapper's top-level roles, and
     * the project attributes as JSON lists. Valid for a day, so that no run outlives it.
     */
    public String mint(User user) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(List.of(AUDIENCE, "account"))
                .subject(user.id())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofDays(1))))
                .claim("typ", "Bearer")
                .claim("azp", "codemie-ui")
                .claim("scope", "openid profile email")
                .claim("preferred_username", user.username())
                .claim("name", user.username().replace('.', ' '))
                .claim("email", user.username() + "@example.com")
                .claim("realm_access", Map.of("roles", user.roles()))
                .claim("roles", user.roles())
                .claim("applications", user.projects())
                .claim("applications_admin", user.adminProjects())
                .claim("knowledge_bases", List.of("kb-handbook", "kb-" + user.username()))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a benchmark token", e);
        }
        return jwt.serialize();
    }

    /**
     * A user of the generated data.
     *
     * @param id            the subject, a lower-case UUID as the platform requires
     * @param username      the preferred user name
     * @param roles         realm roles
     * @param projects      member projects ({@code applications})
     * @param adminProjects administered projects ({@code applications_admin})
     */
    public record User(String id, String username, List<String> roles, List<String> projects,
            List<String> adminProjects) {

        /** Whether the user holds the admin role. */
        public boolean admin() {
            return roles.contains(ADMIN_ROLE);
        }

        /** The library's project access rule, written out: the ground truth every contender must agree with. */
        public boolean mayAccess(String project) {
            return admin() || projects.contains(project) || adminProjects.contains(project);
        }
    }
}
