package ai.codemie.auth.store;

import ai.codemie.auth.error.UnavailableException;
import java.time.Duration;

/** The user store could not be reached or failed; decisions fail closed with a 503. */
public class StoreUnavailableException extends UnavailableException {

    private static final long serialVersionUID = 1L;

    /** The machine-readable reason of every store outage. */
    public static final String REASON = "store_unavailable";

    public StoreUnavailableException(Throwable cause) {
        super(REASON, "User store unavailable", Duration.ofSeconds(5), cause);
    }
}
