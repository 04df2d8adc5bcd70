package ai.codemie.auth.keycloak;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.ClaimPreset;
import ai.codemie.auth.config.TrustedIssuer;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Settings and Keycloak user representations for the import's tests. Published in auth-keycloak's test jar. */
public final class MigrationFixture {

    public static final int USER_PROJECT_LIMIT = 4;

    private MigrationFixture() {
    }

    /** Platform-managed mode with a Keycloak issuer, limit {@value #USER_PROJECT_LIMIT}, the default sign-in gate. */
    public static AuthSettings.Builder platformSettings() {
        return AuthSettings.builder().set(AuthSettings.ENABLE_USER_MANAGEMENT, true)
                .set(AuthSettings.USER_PROJECT_LIMIT, USER_PROJECT_LIMIT)
                .addTrustedIssuer(TrustedIssuer.withJwks("https://keycloak.example.com/realms/codemie-prod", null,
                        URI.create("https://keycloak.example.com/realms/codemie-prod/protocol/openid-connect/certs"),
                        ClaimPreset.KEYCLOAK));
    }

    /** An enabled user with an e-mail of the user name at example.com and the names given (null: missing). */
    public static Map<String, Object> user(String username, String firstName, String lastName) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", UUID.randomUUID().toString());
        user.put("username", username);
        user.put("enabled", true);
        user.put("email", username + "@example.com");
        if (firstName != null) {
            user.put("firstName", firstName);
        }
        if (lastName != null) {
            user.put("lastName", lastName);
        }
        user.put("attributes", new LinkedHashMap<String, Object>());
        return user;
    }

    public static Map<String, Object> user(String username) {
        return user(username, "First", "Last");
    }

    /** The user with the attribute set to the values, as Keycloak keeps attributes: a list of strings. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> attribute(Map<String, Object> user, String name, Object... values) {
        ((Map<String, Object>) user.get("attributes")).put(name, List.of(values));
        return user;
    }
}
