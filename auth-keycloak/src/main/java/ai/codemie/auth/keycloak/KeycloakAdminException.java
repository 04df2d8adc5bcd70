package ai.codemie.auth.keycloak;

/**
 * A Keycloak call of the import failed: Keycloak could not be reached, did not answer in time, refused the
 * token request or an admin call, or answered something unreadable. The message names the call (method and URL,
 * never the client secret) and the HTTP status when there was one. Thrown before the import writes anything.
 */
public class KeycloakAdminException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The status of a call that got no HTTP answer. */
    public static final int NO_RESPONSE = -1;

    private final String call;
    private final int status;

    /** A failed call, what went wrong, and the HTTP status or {@link #NO_RESPONSE}. */
    public KeycloakAdminException(String call, int status, String message, Throwable cause) {
        super(call + (status == NO_RESPONSE ? " failed: " : " answered HTTP " + status + ": ") + message, cause);
        this.call = call;
        this.status = status;
    }

    /** The call that failed: method and URL. */
    public String call() {
        return call;
    }

    /** The HTTP status Keycloak answered, or {@link #NO_RESPONSE}. */
    public int status() {
        return status;
    }
}
