package ai.codemie.auth.token;

/**
 * Turns the text of a bearer token into verified claims, or refuses it.
 *
 * <p>Implementations throw {@link ai.codemie.auth.error.AuthenticationException} (401) for a token that is
 * refused and {@link ai.codemie.auth.error.UnavailableException} (503) when the keys needed to check it cannot
 * be had. They never return a token they did not verify.
 */
@FunctionalInterface
public interface TokenVerifier {

    /** The verified claims of the token. */
    VerifiedToken verify(String token);
}
