package ai.codemie.auth.bench;

import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.policy.Authorizer;
import ai.codemie.auth.policy.Requirements;
import ai.codemie.auth.resolve.PermissionResolver;
import ai.codemie.auth.token.TokenVerifier;

/**
 * This library's request path, as an adapter runs it: the token verifier, then the permission resolver, then the
 * {@link Authorizer} answering {@link Requirements#projectAccess(String)} for the project of the request path.
 */
public final class CodemieAuthPath implements RequestPath {

    private final TokenVerifier verifier;
    private final PermissionResolver resolver;
    private final Authorizer authorizer = new Authorizer();

    public CodemieAuthPath(TokenVerifier verifier, PermissionResolver resolver) {
        this.verifier = verifier;
        this.resolver = resolver;
    }

    @Override
    public boolean allows(String token, String project) {
        EffectivePermissions caller = resolver.resolve(verifier.verify(token));
        return authorizer.decide(caller, Requirements.projectAccess(project)).allowed();
    }
}
