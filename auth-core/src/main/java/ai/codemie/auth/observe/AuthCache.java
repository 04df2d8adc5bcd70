package ai.codemie.auth.observe;

/** The caches an {@link AuthObserver} hears lookups of. */
public enum AuthCache {
    /** Verified tokens, by their exact text ({@code CODEMIE_AUTH_TOKEN_CACHE_*}). */
    VERIFIED_TOKENS("verified_tokens"),
    /** Resolved permissions of platform-managed mode, by user ({@code CODEMIE_AUTH_PERMISSION_CACHE_*}). */
    PERMISSIONS("permissions");

    private final String tag;

    AuthCache(String tag) {
        this.tag = tag;
    }

    /** A stable snake_case name, for a metric tag. */
    public String tag() {
        return tag;
    }
}
