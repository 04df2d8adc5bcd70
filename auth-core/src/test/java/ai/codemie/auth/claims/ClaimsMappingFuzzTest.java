package ai.codemie.auth.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.ClaimPreset;
import ai.codemie.auth.config.TrustedIssuer;
import ai.codemie.auth.error.AuthenticationException;
import ai.codemie.auth.error.AuthenticationException.BearerError;
import ai.codemie.auth.error.Problem;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.model.UserIdentity;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fuzzes the claims mappers of the three presets (Keycloak, Entra ID, generic OIDC) with any JSON claims: each
 * answers effective permissions or a 401 {@link AuthenticationException} for an unusable identity, never another
 * exception, and the permissions obey the platform's rules whatever the claims hold.
 */
class ClaimsMappingFuzzTest {

    private static final String ADMIN_USER_ID = "root";
    private static final String MAINTAINER_USER_ID = "boss";
    private static final String MAINTAINER_ROLE = "maintainer";

    private static final TrustedIssuer KEYCLOAK = issuer("https://keycloak.example", ClaimPreset.KEYCLOAK,
            List.of("custom.roles"), null, List.of("codemie"));
    private static final TrustedIssuer ENTRA = issuer("https://entra.example", ClaimPreset.ENTRA, null,
            Map.of("g-admins", "admin", "g-devs", "developer"), null);
    private static final TrustedIssuer OIDC = issuer("https://oidc.example", ClaimPreset.OIDC,
            List.of("groups", "realm_access.roles", "a..b", ""), null, null);
    private static final AuthSettings SETTINGS = AuthSettings.builder()
            .set(AuthSettings.JWKS_TRUSTED_ISSUERS, List.of(KEYCLOAK, ENTRA, OIDC))
            .set(AuthSettings.ADMIN_USER_ID, ADMIN_USER_ID)
            .set(AuthSettings.MAINTAINER_USER_ID, MAINTAINER_USER_ID)
            .set(AuthSettings.MAINTAINER_ROLE_NAME, MAINTAINER_ROLE)
            .build();
    private static final List<TrustedIssuer> ISSUERS = List.of(KEYCLOAK, ENTRA, OIDC);
    private static final Set<String> PROJECT_CLAIMS = Set.of("applications", "applications_admin", "knowledge_bases");

    @FuzzTest(maxDuration = "20s")
    void mapsAnyClaimsToPermissionsOrAnAuthenticationError(byte[] input) {
        Map<String, Object> claims;
        try {
            claims = JSONObjectUtils.parse(new String(input, StandardCharsets.UTF_8));
        } catch (ParseException notJson) {
            return;
        }
        if (claims == null) {
            return; // the JSON literal null
        }
        for (Object value : claims.values()) {
            assertCleanNames(ClaimListParser.parse(value));
        }
        for (TrustedIssuer issuer : ISSUERS) {
            ClaimsMapper mapper = ClaimsMappers.forIssuer(SETTINGS, issuer);
            EffectivePermissions permissions;
            try {
                permissions = mapper.map(claims);
            } catch (AuthenticationException refused) {
                assertRefusedAsUnusableIdentity(refused);
                AuthenticationException again = catchThrowableOfType(AuthenticationException.class,
                        () -> mapper.identity(claims));
                assertThat(again).as("identity() refuses what map() refuses").isNotNull();
                assertThat(again.problem()).isEqualTo(refused.problem());
                continue;
            }
            assertFollowsTheRules(issuer, claims, permissions);
            assertThat(mapper.identity(claims)).isEqualTo(permissions.identity());
        }
    }

    private static void assertRefusedAsUnusableIdentity(AuthenticationException refused) {
        assertThat(refused.problem().status()).isEqualTo(Problem.Status.UNAUTHENTICATED);
        assertThat(refused.problem().reason()).isIn("invalid_subject", "invalid_user_type");
        assertThat(refused.bearerError()).isEqualTo(BearerError.INVALID_TOKEN);
    }

    private static void assertFollowsTheRules(TrustedIssuer issuer, Map<String, Object> claims,
                                              EffectivePermissions permissions) {
        UserIdentity identity = permissions.identity();
        String id = permissions.id();
        assertThat(claims.get(issuer.preset() == ClaimPreset.ENTRA ? "oid" : "sub")).isEqualTo(id);
        assertThat(identity.userType()).isIn(UserIdentity.REGULAR, "external");
        assertThat(permissions.external())
                .isEqualTo(Boolean.TRUE.equals(claims.get("guest")) || identity.userType().equals("external"));
        if (claims.get("email") instanceof String email) {
            assertThat(identity.email()).isEqualTo(email);
        } else {
            assertThat(identity.email()).isEqualTo(identity.username());
        }
        boolean maintainer = id.equals(MAINTAINER_USER_ID) || permissions.roles().contains(MAINTAINER_ROLE);
        assertThat(permissions.maintainer()).isEqualTo(maintainer);
        assertThat(permissions.admin())
                .isEqualTo(maintainer || permissions.roles().contains("admin") || id.equals(ADMIN_USER_ID));
        assertThat(permissions.projectLimit()).isNull();
        assertThat(permissions.roles()).doesNotContainNull();
        for (String claim : PROJECT_CLAIMS) {
            assertCleanNames(ClaimListParser.parse(claims.get(claim)));
        }
        assertCleanNames(List.copyOf(permissions.projects()));
        assertCleanNames(List.copyOf(permissions.adminProjects()));
        assertCleanNames(List.copyOf(permissions.knowledgeBases()));
        assertThat(permissions.currentProject()).isEqualTo(permissions.projects().isEmpty()
                ? EffectivePermissions.DEMO_PROJECT : permissions.projects().iterator().next());
        permissions.projects().forEach(project -> assertThat(permissions.hasProjectAccess(project)).isTrue());
        permissions.adminProjects().forEach(project -> assertThat(permissions.hasProjectAccess(project)).isTrue());
    }

    /** Names as a project list yields them: distinct, non-empty, without commas or surrounding white space. */
    private static void assertCleanNames(List<String> names) {
        assertThat(names).doesNotHaveDuplicates();
        for (String name : names) {
            assertThat(name).isNotEmpty().doesNotContain(",");
            assertThat(isPythonSpace(name.charAt(0))).as("leading white space in '%s'", name).isFalse();
            assertThat(isPythonSpace(name.charAt(name.length() - 1))).as("trailing white space in '%s'", name)
                    .isFalse();
        }
    }

    /** Python's {@code str.isspace()}, from the Unicode categories: separators, plus the control characters it counts. */
    private static boolean isPythonSpace(char c) {
        return Character.isSpaceChar(c) || Character.isWhitespace(c) || c == '\u0085';
    }

    private static TrustedIssuer issuer(String name, ClaimPreset preset, List<String> roleClaims,
                                        Map<String, String> groupRoles, List<String> resourceAccessClients) {
        return new TrustedIssuer(name, null, URI.create(name + "/jwks"), null, null, preset, roleClaims, groupRoles,
                resourceAccessClients, null);
    }
}
