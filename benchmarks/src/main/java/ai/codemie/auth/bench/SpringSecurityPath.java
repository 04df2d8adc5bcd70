package ai.codemie.auth.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

/**
 * Spring Security's resource-server stack, as a Spring service would configure it for Keycloak: a
 * {@link NimbusJwtDecoder} fetching keys from the JWKS endpoint (issuer and audience validated), a
 * {@link JwtAuthenticationConverter} turning realm roles into {@code ROLE_*} and project lists into
 * {@code PROJECT_*} authorities, and an {@link AuthorizationManager} for the project rule.
 */
public final class SpringSecurityPath implements RequestPath {

    private static final String ADMIN_AUTHORITY = "ROLE_" + BenchIssuer.ADMIN_ROLE;
    private static final String PROJECT_PREFIX = "PROJECT_";

    private final JwtDecoder decoder;
    private final JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
    private final AuthorizationManager<String> projectAccess = new ProjectAccessManager();

    public SpringSecurityPath(URI jwksUri) {
        NimbusJwtDecoder nimbusDecoder = NimbusJwtDecoder.withJwkSetUri(jwksUri.toString())
                .jwsAlgorithm(SignatureAlgorithm.RS256).build();
        nimbusDecoder.setJwtValidator(JwtValidators.createDefaultWithValidators(List.of(
                new JwtIssuerValidator(BenchIssuer.ISSUER), new JwtAudienceValidator(BenchIssuer.AUDIENCE))));
        this.decoder = nimbusDecoder;
        converter.setJwtGrantedAuthoritiesConverter(new KeycloakAuthorities());
    }

    @Override
    public boolean allows(String token, String project) {
        Authentication authentication = converter.convert(decoder.decode(token));
        return projectAccess.authorize(() -> authentication, project).isGranted();
    }

    /** Keycloak's realm roles and the platform's project attributes as authorities. */
    private static final class KeycloakAuthorities implements Converter<Jwt, Collection<GrantedAuthority>> {

        @Override
        public Collection<GrantedAuthority> convert(Jwt jwt) {
            List<GrantedAuthority> authorities = new ArrayList<>();
            if (jwt.getClaim("realm_access") instanceof Map<?, ?> realmAccess
                    && realmAccess.get("roles") instanceof List<?> roles) {
                roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
            }
            addProjects(jwt.getClaimAsStringList("applications"), authorities);
            addProjects(jwt.getClaimAsStringList("applications_admin"), authorities);
            return authorities;
        }

        private static void addProjects(List<String> projects, List<GrantedAuthority> authorities) {
            if (projects != null) {
                projects.forEach(project -> authorities.add(new SimpleGrantedAuthority(PROJECT_PREFIX + project)));
            }
        }
    }

    /** Admins, and callers holding the project's authority. */
    private static final class ProjectAccessManager implements AuthorizationManager<String> {

        private static final AuthorizationDecision GRANTED = new AuthorizationDecision(true);
        private static final AuthorizationDecision DENIED = new AuthorizationDecision(false);

        @Override
        public AuthorizationResult authorize(Supplier<? extends Authentication> authentication, String project) {
            Authentication caller = authentication.get();
            if (caller == null || !caller.isAuthenticated()) {
                return DENIED;
            }
            String wanted = PROJECT_PREFIX + project;
            for (GrantedAuthority authority : caller.getAuthorities()) {
                String name = authority.getAuthority();
                if (ADMIN_AUTHORITY.equals(name) || wanted.equals(name)) {
                    return GRANTED;
                }
            }
            return DENIED;
        }
    }
}
