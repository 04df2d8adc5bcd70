package ai.codemie.auth.claims;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.ClaimPreset;
import ai.codemie.auth.config.TrustedIssuer;
import ai.codemie.auth.error.AuthenticationException;
import ai.codemie.auth.error.AuthenticationException.BearerError;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.model.UserIdentity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The claims mapper of one trusted issuer, following the issuer's preset (Keycloak, Entra ID or generic OIDC). */
final class StandardClaimsMapper implements ClaimsMapper {

    private static final Logger LOG = LoggerFactory.getLogger(StandardClaimsMapper.class);

    /** The {@code user_type} of external users, and of guests. */
    private static final String EXTERNAL = "external";

    private final AuthSettings settings;
    private final ClaimPreset preset;
    private final String idClaim;
    private final List<String[]> rolePaths;
    private final Map<String, String> groupRoles;

    StandardClaimsMapper(AuthSettings settings, TrustedIssuer issuer) {
        this.settings = settings;
        this.preset = issuer.preset();
        this.idClaim = preset == ClaimPreset.ENTRA ? "oid" : "sub";
        List<String[]> paths = new ArrayList<>();
        switch (preset) {
            case KEYCLOAK -> {
                paths.add(new String[] {"realm_access", "roles"});
                paths.add(new String[] {"roles"});
                for (String client : issuer.resourceAccessClients()) {
                    paths.add(new String[] {"resource_access", client, "roles"});
                }
            }
            case ENTRA -> paths.add(new String[] {"roles"});
            case OIDC -> {
                if (issuer.roleClaims().isEmpty()) {
                    paths.add(new String[] {"roles"});
                }
            }
        }
        for (String path : issuer.roleClaims()) {
            paths.add(path.split("\\."));
        }
        this.rolePaths = List.copyOf(paths);
        this.groupRoles = issuer.groupRoles();
    }

    @Override
    public EffectivePermissions map(Map<String, Object> claims) {
        String id = subject(claims);
        boolean guest = guest(claims, id);
        UserIdentity identity = identity(claims, id, guest);
        Set<String> roles = roles(claims, id);
        boolean maintainer = settings.isConfiguredMaintainer(id)
                || (settings.get(AuthSettings.MAINTAINER_ROLE_NAME) != null
                && roles.contains(settings.get(AuthSettings.MAINTAINER_ROLE_NAME)));
        boolean admin = maintainer || roles.contains(settings.get(AuthSettings.ADMIN_ROLE_NAME))
                || settings.isConfiguredAdmin(id);
        return EffectivePermissions.builder(identity)
                .roles(roles)
                .admin(admin)
                .maintainer(maintainer)
                .external(guest || identity.userType().equals(settings.get(AuthSettings.EXTERNAL_USER_TYPE)))
                .projects(ClaimListParser.parse(claims, "applications"))
                .adminProjects(ClaimListParser.parse(claims, "applications_admin"))
                .knowledgeBases(ClaimListParser.parse(claims, "knowledge_bases"))
                .projectLimit(null)
                .build();
    }

    @Override
    public UserIdentity identity(Map<String, Object> claims) {
        String id = subject(claims);
        return identity(claims, id, guest(claims, id));
    }

    private static UserIdentity identity(Map<String, Object> claims, String id, boolean guest) {
        String username = string(claims, "preferred_username");
        String email = string(claims, "email");
        String validUserType = userType(claims); // refused even in a guest's token
        String userType = guest ? EXTERNAL : validUserType;
        return new UserIdentity(id, username, string(claims, "name"), email != null ? email : username,
                string(claims, "picture"), userType);
    }

    private String subject(Map<String, Object> claims) {
        if (claims.get(idClaim) instanceof String id && !id.isEmpty()) {
            return id;
        }
        throw new AuthenticationException(BearerError.INVALID_TOKEN, "invalid_subject",
                "Invalid subject: the token's '" + idClaim + "' claim must be a non-empty string");
    }

    private static String string(Map<String, Object> claims, String claim) {
        return claims.get(claim) instanceof String value ? value : null;
    }

    /** Only the JSON boolean {@code true} marks a guest; a string is a common mapper mistake worth a warning. */
    private static boolean guest(Map<String, Object> claims, String id) {
        Object guest = claims.get("guest");
        if (guest instanceof Boolean flag) {
            return flag;
        }
        if (guest instanceof String) {
            LOG.warn("Ignoring non-boolean 'guest' claim of user {}: only the JSON boolean true marks a guest", id);
        }
        return false;
    }

    private static String userType(Map<String, Object> claims) {
        if (!claims.containsKey("user_type") || claims.get("user_type") == null) {
            return UserIdentity.REGULAR;
        }
        Object raw = claims.get("user_type");
        if (raw instanceof String text) {
            String normalised = ClaimListParser.strip(text, 0, text.length()).toLowerCase(Locale.ROOT);
            // the two values the platform knows; EXTERNAL_USER_TYPE only says which of them marks external users
            if (normalised.equals(UserIdentity.REGULAR) || normalised.equals(EXTERNAL)) {
                return normalised;
            }
        }
        throw new AuthenticationException(BearerError.INVALID_TOKEN, "invalid_user_type",
                "Invalid user_type attribute from IDP. Expected 'regular' or 'external', got: '" + raw + "'");
    }

    private Set<String> roles(Map<String, Object> claims, String id) {
        Set<String> roles = new LinkedHashSet<>();
        for (String[] path : rolePaths) {
            addStrings(at(claims, path), roles);
        }
        if (preset == ClaimPreset.ENTRA) {
            addGroupRoles(claims, id, roles);
        }
        return roles;
    }

    private void addGroupRoles(Map<String, Object> claims, String id, Set<String> roles) {
        if (claims.get("_claim_names") instanceof Map<?, ?> names && names.containsKey("groups")) {
            // Group overage: the token lists no groups although the user has some. Treat them as unknown;
            // an empty list here would silently take away every group-granted role.
            LOG.warn("Token of user {} signals group overage; group-mapped roles are unknown and not granted", id);
            return;
        }
        Set<String> groups = new LinkedHashSet<>();
        addStrings(claims.get("groups"), groups);
        for (String group : groups) {
            String role = groupRoles.get(group);
            if (role != null) {
                roles.add(role);
            }
        }
    }

    private static Object at(Map<String, Object> claims, String[] path) {
        Object node = claims;
        for (String step : path) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(step);
        }
        return node;
    }

    private static void addStrings(Object value, Set<String> into) {
        if (value instanceof List<?> list) {
            for (Object element : list) {
                if (element instanceof String role) {
                    into.add(role);
                }
            }
        }
    }
}
