package ai.codemie.auth.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.ClaimPreset;
import ai.codemie.auth.config.TrustedIssuer;
import ai.codemie.auth.error.AuthenticationException;
import ai.codemie.auth.model.EffectivePermissions;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class StandardClaimsMapperTest {

    static final String ISSUER = "https://keycloak.example.com/realms/codemie-prod";

    static TrustedIssuer issuer(ClaimPreset preset) {
        return TrustedIssuer.withJwks(ISSUER, null, URI.create(ISSUER + "/certs"), preset);
    }

    static EffectivePermissions map(Map<String, Object> claims) {
        return map(claims, b -> b);
    }

    static EffectivePermissions map(Map<String, Object> claims, UnaryOperator<AuthSettings.Builder> settings) {
        TrustedIssuer issuer = issuer(ClaimPreset.KEYCLOAK);
        AuthSettings built = settings.apply(AuthSettings.builder().addTrustedIssuer(issuer)).build();
        return ClaimsMappers.forIssuer(built, issuer).map(claims);
    }

    static Map<String, Object> claims(Object... pairs) {
        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", "user-1");
        for (int i = 0; i < pairs.length; i += 2) {
            claims.put((String) pairs[i], pairs[i + 1]);
        }
        return claims;
    }

    static Map<String, Object> realmRoles(String... roles) {
        return Map.of("roles", List.of(roles));
    }

    static Stream<Arguments> adminRoleCases() {
        return Stream.of(
                Arguments.of("admin", true),
                Arguments.of("Admin", false),
                Arguments.of("ADMIN", false),
                Arguments.of("adm\u0131n", false), // dotless i
                Arguments.of(" admin", false),
                Arguments.of("developer", false));
    }

    @ParameterizedTest(name = "role \"{0}\" makes admin: {1}")
    @MethodSource("adminRoleCases")
    void matchesTheAdminRoleExactly(String role, boolean admin) {
        assertThat(map(claims("realm_access", realmRoles(role))).admin()).isEqualTo(admin);
    }

    @Test
    void readsRolesFromRealmAccessAndTopLevelRoles() {
        EffectivePermissions p = map(claims("realm_access", realmRoles("developer"), "roles", List.of("admin")));
        assertThat(p.roles()).containsExactly("developer", "admin");
        assertThat(p.admin()).isTrue();
    }

    @Test
    void readsClientRolesOnlyForConfiguredClients() {
        Map<String, Object> claims = claims("resource_access", Map.of(
                "codemie", Map.of("roles", List.of("admin")),
                "other", Map.of("roles", List.of("developer"))));
        TrustedIssuer issuer = new TrustedIssuer(ISSUER, null, URI.create(ISSUER + "/certs"), null, null,
                ClaimPreset.KEYCLOAK, null, null, List.of("codemie"), null);
        EffectivePermissions p = ClaimsMappers.forIssuer(AuthSettings.builder().addTrustedIssuer(issuer).build(), issuer)
                .map(claims);
        assertThat(p.roles()).containsExactly("admin");
        assertThat(map(claims).roles()).isEmpty();
    }

    @Test
    void usesTheConfiguredAdminRoleName() {
        assertThat(map(claims("roles", List.of("platform-admin")), b -> b.set(AuthSettings.ADMIN_ROLE_NAME,
                "platform-admin")).admin())
                .isTrue();
        assertThat(map(claims("roles", List.of("admin")), b -> b.set(AuthSettings.ADMIN_ROLE_NAME,
                "platform-admin")).admin()).isFalse();
    }

    @Test
    void makesAdminUserIdAnAdmin() {
        assertThat(map(claims(), b -> b.set(AuthSettings.ADMIN_USER_ID, "user-1")).admin()).isTrue();
        assertThat(map(claims(), b -> b.set(AuthSettings.ADMIN_USER_ID, "user-2")).admin()).isFalse();
    }

    @Test
    void emptyAdminUserIdNeverMatchesAnEmptySubject() {
        AuthSettings settings = AuthSettings.builder().addTrustedIssuer(issuer(ClaimPreset.KEYCLOAK))
                .set(AuthSettings.ADMIN_USER_ID, "")
                .build();
        assertThat(settings.isConfiguredAdmin("")).isFalse();
        assertThatThrownBy(() -> map(claims("sub", ""), b -> b.set(AuthSettings.ADMIN_USER_ID, "")))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("invalid_subject");
    }

    @Test
    void rejectsANumericSubject() {
        assertThatThrownBy(() -> map(claims("sub", 42L))).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void maintainerIsAlwaysAdmin() {
        EffectivePermissions byId = map(claims(), b -> b.set(AuthSettings.MAINTAINER_USER_ID, "user-1"));
        assertThat(byId.maintainer()).isTrue();
        assertThat(byId.admin()).isTrue();
        EffectivePermissions byRole = map(claims("roles", List.of("maintainer")), b -> b
                .set(AuthSettings.MAINTAINER_ROLE_NAME, "maintainer"));
        assertThat(byRole.maintainer()).isTrue();
        assertThat(byRole.admin()).isTrue();
    }

    @Test
    void knowsNoMaintainerRoleUnlessConfigured() {
        EffectivePermissions p = map(claims("roles", List.of("maintainer")));
        assertThat(p.maintainer()).isFalse();
        assertThat(p.admin()).isFalse();
    }

    @Test
    void readsTheProjectListsAndIdentity() {
        EffectivePermissions p = map(claims(
                "preferred_username", "alice", "name", "Alice A", "picture", "https://pic",
                "applications", List.of("a@x.com,proj-a,proj-b"),
                "applications_admin", "proj-c",
                "knowledge_bases", List.of("kb-1", "kb-1")));
        assertThat(p.projects()).containsExactly("a@x.com", "proj-a", "proj-b");
        assertThat(p.adminProjects()).containsExactly("proj-c");
        assertThat(p.knowledgeBases()).containsExactly("kb-1");
        assertThat(p.identity().username()).isEqualTo("alice");
        assertThat(p.identity().email()).as("email falls back to the user name").isEqualTo("alice");
        assertThat(p.identity().name()).isEqualTo("Alice A");
        assertThat(p.identity().picture()).isEqualTo("https://pic");
        assertThat(p.projectLimit()).isNull();
        assertThat(p.currentProject()).isEqualTo("a@x.com");
    }

    @Test
    void currentProjectIsDemoWithoutMembershipsButGrantsNoAccessToIt() {
        EffectivePermissions p = map(claims());
        assertThat(p.currentProject()).isEqualTo("demo");
        assertThat(p.hasProjectAccess("demo")).isFalse();
    }

    @Test
    void recognisesDemoUsers() {
        assertThat(map(claims("roles", List.of("demo_user"))).isDemoUser()).isTrue();
        assertThat(map(claims("roles", List.of("developer"))).isDemoUser()).isFalse();
    }

    static Stream<Arguments> validUserTypes() {
        return Stream.of(
                Arguments.of(null, "regular", false),
                Arguments.of("regular", "regular", false),
                Arguments.of("  External ", "external", true),
                Arguments.of("REGULAR", "regular", false));
    }

    @ParameterizedTest(name = "user_type {0} -> {1}")
    @MethodSource("validUserTypes")
    void normalisesUserType(String raw, String expected, boolean external) {
        EffectivePermissions p = map(claims("user_type", raw));
        assertThat(p.identity().userType()).isEqualTo(expected);
        assertThat(p.external()).isEqualTo(external);
    }

    @Test
    void treatsAnAbsentUserTypeAsRegular() {
        assertThat(map(claims()).identity().userType()).isEqualTo("regular");
    }

    @ParameterizedTest
    @ValueSource(strings = {"guest", "admin", "", "externals"})
    void rejectsAnUnknownUserTypeWithThePlatformsMessage(String raw) {
        assertThatThrownBy(() -> map(claims("user_type", raw)))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.problem().status().code()).isEqualTo(401);
                    assertThat(e.problem().message()).isEqualTo(
                            "Invalid user_type attribute from IDP. Expected 'regular' or 'external', got: '" + raw + "'");
                    assertThat(e.bearerError()).isEqualTo(AuthenticationException.BearerError.INVALID_TOKEN);
                });
    }

    @Test
    void rejectsANonStringUserType() {
        assertThatThrownBy(() -> map(claims("user_type", 1L)))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("got: '1'");
    }

    @Test
    void refusesAUserTypeOutsideRegularAndExternalEvenWhenItIsTheConfiguredExternalType() {
        assertThatThrownBy(() -> map(claims("user_type", "Contractor"), b -> b.set(AuthSettings.EXTERNAL_USER_TYPE,
                "contractor")))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> assertThat(e.problem().message())
                        .isEqualTo("Invalid user_type attribute from IDP. Expected 'regular' or 'external', got: "
                                + "'Contractor'"));
    }

    @Test
    void acceptsUserTypeExternalWhenAnotherValueMarksExternalUsers() {
        EffectivePermissions p = map(claims("user_type", "External"), b -> b.set(AuthSettings.EXTERNAL_USER_TYPE,
                "regular"));
        assertThat(p.identity().userType()).isEqualTo("external");
        assertThat(p.external()).isFalse();
        assertThat(map(claims("user_type", "regular"), b -> b.set(AuthSettings.EXTERNAL_USER_TYPE,
                "regular")).external()).isTrue();
    }

    @Test
    void aGuestIsExternalWhateverTheExternalUserTypeSetting() {
        EffectivePermissions p = map(claims("guest", Boolean.TRUE), b -> b.set(AuthSettings.EXTERNAL_USER_TYPE,
                "contractor"));
        assertThat(p.external()).isTrue();
        assertThat(p.identity().userType()).isEqualTo("external");
    }

    @Test
    void onlyTheJsonBooleanTrueMakesAGuestExternal() {
        assertThat(map(claims("guest", Boolean.TRUE)).external()).isTrue();
        assertThat(map(claims("guest", Boolean.TRUE)).identity().userType()).isEqualTo("external");
        assertThat(map(claims("guest", "true")).external()).isFalse();
        assertThat(map(claims("guest", Boolean.FALSE)).external()).isFalse();
    }

    @Test
    void entraPresetTakesTheIdFromOidAndMapsGroups() {
        TrustedIssuer entra = new TrustedIssuer("https://login.microsoftonline.com/t/v2.0", null,
                URI.create("https://login.microsoftonline.com/t/keys"), null, null, ClaimPreset.ENTRA, null,
                Map.of("group-1", "developer"), null, null);
        AuthSettings settings = AuthSettings.builder().set(AuthSettings.IDP_PROVIDER,
                ai.codemie.auth.config.IdpProvider.ENTRAID_OIDC)
                .addTrustedIssuer(entra).build();
        EffectivePermissions p = ClaimsMappers.forIssuer(settings, entra).map(claims(
                "oid", "object-id", "roles", List.of("admin"), "groups", List.of("group-1", "group-2")));
        assertThat(p.id()).isEqualTo("object-id");
        assertThat(p.roles()).containsExactly("admin", "developer");
    }

    @Test
    void entraGroupOverageGrantsNoGroupRolesRatherThanAnEmptyList() {
        TrustedIssuer entra = new TrustedIssuer("https://login.microsoftonline.com/t/v2.0", null,
                URI.create("https://login.microsoftonline.com/t/keys"), null, null, ClaimPreset.ENTRA, null,
                Map.of("group-1", "developer"), null, null);
        AuthSettings settings = AuthSettings.builder().addTrustedIssuer(entra).build();
        EffectivePermissions p = ClaimsMappers.forIssuer(settings, entra).map(claims(
                "oid", "object-id", "groups", List.of("group-1"),
                "_claim_names", Map.of("groups", "src1")));
        assertThat(p.roles()).isEmpty();
    }

    @Test
    void oidcPresetReadsConfiguredClaimPaths() {
        TrustedIssuer oidc = new TrustedIssuer("https://idp.example.com", null, URI.create("https://idp.example.com/jwks"),
                null, null, ClaimPreset.OIDC, List.of("app.platform.roles"), null, null, null);
        AuthSettings settings = AuthSettings.builder().addTrustedIssuer(oidc).build();
        EffectivePermissions p = ClaimsMappers.forIssuer(settings, oidc).map(claims(
                "app", Map.of("platform", Map.of("roles", List.of("developer", 7L))), "roles", List.of("admin")));
        assertThat(p.roles()).containsExactly("developer");
    }

    static Stream<Map<String, Object>> identities() {
        return Stream.of(
                claims("preferred_username", "alice", "email", "alice@example.com", "name", "Alice",
                        "picture", "https://example.com/a.png", "user_type", " External "),
                claims("preferred_username", "bob"),
                claims("guest", true, "user_type", "regular"),
                claims("guest", "true", "applications", "proj-a"));
    }

    @ParameterizedTest
    @MethodSource("identities")
    void readsTheIdentityAloneAsTheFullMappingReadsIt(Map<String, Object> claims) {
        TrustedIssuer issuer = issuer(ClaimPreset.KEYCLOAK);
        ClaimsMapper mapper = ClaimsMappers.forIssuer(AuthSettings.builder().addTrustedIssuer(issuer).build(), issuer);
        assertThat(mapper.identity(claims)).isEqualTo(mapper.map(claims).identity());
    }

    @Test
    void refusesAnInvalidUserTypeWhenReadingTheIdentityAlone() {
        TrustedIssuer issuer = issuer(ClaimPreset.KEYCLOAK);
        ClaimsMapper mapper = ClaimsMappers.forIssuer(AuthSettings.builder().addTrustedIssuer(issuer).build(), issuer);
        assertThatThrownBy(() -> mapper.identity(claims("guest", true, "user_type", "contractor")))
                .isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> mapper.identity(claims("sub", "")))
                .isInstanceOf(AuthenticationException.class);
    }
}
