package ai.codemie.auth.bench;

/**
 * One contender's whole request path: the bearer token text in, the project-access decision out. Any failure
 * propagates, so that a contender that cannot decide fails the parity check instead of passing for a deny.
 */
@FunctionalInterface
public interface RequestPath {

    /** Whether the caller who sent the token may access the project. */
    boolean allows(String token, String project);

    /** Whether the request is allowed. */
    default boolean allows(TokenRequests.Request request) {
        return allows(request.token(), request.project());
    }
}
