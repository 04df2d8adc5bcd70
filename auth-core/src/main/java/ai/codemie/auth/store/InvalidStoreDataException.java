package ai.codemie.auth.store;

/**
 * The store refused a value it cannot hold: too long for its column, a character the column does not take, or a
 * uniqueness or other constraint of the schema. Not an outage: the same write fails the same way when retried, so
 * it is never answered as "User store unavailable".
 */
public class InvalidStoreDataException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** A refusal with what was refused and why, without the refused value where it may be hostile. */
    public InvalidStoreDataException(String message) {
        super(message);
    }

    /** A refusal reported by the store, with the store's own failure as the cause. */
    public InvalidStoreDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
