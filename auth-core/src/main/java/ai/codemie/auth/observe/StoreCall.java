package ai.codemie.auth.observe;

/** The user store calls an {@link AuthObserver} hears. */
public enum StoreCall {
    /**
     * The transaction of a request whose permissions are not cached: reads the user (creating it at its first
     * login), refreshes its profile and loads its permissions.
     */
    SIGN_IN("sign_in");

    private final String tag;

    StoreCall(String tag) {
        this.tag = tag;
    }

    /** A stable snake_case name, for a metric tag. */
    public String tag() {
        return tag;
    }
}
