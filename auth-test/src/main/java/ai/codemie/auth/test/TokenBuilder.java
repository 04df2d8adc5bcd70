package ai.codemie.auth.test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A token being minted by {@link TestTokens}: Keycloak-shaped claims by default ({@code iss}, {@code sub},
 * {@code aud}, {@code iat}, {@code exp} in an hour, {@code typ: Bearer}, {@code preferred_username}), each of
 * which can be changed or removed to build the attacks too. Not thread-safe; {@link #sign()} may be called again
 * after further changes.
 */
public final class TokenBuilder {

    private final TestTokens issuer;
    private final Map<String, Object> claims = new LinkedHashMap<>();
    private String headerType = "JWT";
    private boolean defaultKeyId = true;
    private String keyId;

    TokenBuilder(TestTokens issuer, String subject) {
        this.issuer = issuer;
        Instant now = Instant.now();
        claims.put("iss", issuer.issuer());
        claims.put("sub", subject);
        claims.put("aud", TestTokens.AUDIENCE);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(Duration.ofHours(1)).getEpochSecond());
        claims.put("typ", "Bearer");
        claims.put("preferred_username", subject);
    }

    /** Platform roles, as Keycloak puts them: {@code realm_access.roles}. */
    public TokenBuilder roles(String... roles) {
        return claim("realm_access", Map.of("roles", List.of(roles)));
    }

    /** Projects the user is a member of ({@code applications}). */
    public TokenBuilder applications(String... projects) {
        return claim("applications", List.of(projects));
    }

    /** Projects the user administers ({@code applications_admin}). */
    public TokenBuilder applicationsAdmin(String... projects) {
        return claim("applications_admin", List.of(projects));
    }

    /** Knowledge bases the user may use ({@code knowledge_bases}). */
    public TokenBuilder knowledgeBases(String... knowledgeBases) {
        return claim("knowledge_bases", List.of(knowledgeBases));
    }

    /** The {@code user_type} claim, for example {@code external}. */
    public TokenBuilder userType(String userType) {
        return claim("user_type", userType);
    }

    /** The {@code email} claim. */
    public TokenBuilder email(String email) {
        return claim("email", email);
    }

    /** The {@code name} claim. */
    public TokenBuilder name(String name) {
        return claim("name", name);
    }

    /** Any claim with any JSON value (strings, numbers, booleans, lists, maps, null). */
    public TokenBuilder claim(String name, Object value) {
        claims.put(Objects.requireNonNull(name, "name"), value);
        return this;
    }

    /** Leaves the claim out. */
    public TokenBuilder without(String name) {
        claims.remove(name);
        return this;
    }

    /** Another {@code iss}. */
    public TokenBuilder issuer(String value) {
        return claim("iss", value);
    }

    /** Another {@code aud}. */
    public TokenBuilder audience(String value) {
        return claim("aud", value);
    }

    /** Expires at the instant. */
    public TokenBuilder expiresAt(Instant instant) {
        return claim("exp", instant.getEpochSecond());
    }

    /** Expired an hour ago, well beyond any leeway. */
    public TokenBuilder expired() {
        Instant now = Instant.now();
        claim("iat", now.minus(Duration.ofHours(2)).getEpochSecond());
        return expiresAt(now.minus(Duration.ofHours(1)));
    }

    /** The header's {@code typ}; null leaves it out. */
    public TokenBuilder headerType(String value) {
        this.headerType = value;
        return this;
    }

    /** The header's {@code kid} (default: the signing key's id); null leaves it out. */
    public TokenBuilder keyId(String value) {
        this.defaultKeyId = false;
        this.keyId = value;
        return this;
    }

    /** The claims as they will be signed. */
    public Map<String, Object> claims() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(claims));
    }

    /** The compact RS256 token, signed with the trusted key. */
    public String sign() {
        return sign(issuer.key(true));
    }

    /**
     * The same token signed with another key that carries the trusted key's id: a forgery a verifier must
     * refuse.
     */
    public String signWithUntrustedKey() {
        return sign(issuer.key(false));
    }

    private String sign(RSAKey key) {
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(defaultKeyId ? key.getKeyID() : keyId);
        if (headerType != null) {
            header.type(new JOSEObjectType(headerType));
        }
        // the payload is written as given, so that a test can send claims a claims-set class would normalise
        JWSObject jwt = new JWSObject(header.build(), new Payload(JSONObjectUtils.toJSONString(claims)));
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("could not sign the test token", e);
        }
        return jwt.serialize();
    }
}
