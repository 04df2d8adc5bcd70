package ai.codemie.auth.config;

/** The identity provider setting ({@code IDP_PROVIDER}). */
public enum IdpProvider {
    /** Keycloak: roles from {@code realm_access.roles} and a top-level {@code roles} claim. */
    KEYCLOAK("keycloak"),
    /** A generic OpenID Connect provider: roles from configured claim paths. */
    OIDC("oidc"),
    /** Microsoft Entra ID: the id from {@code oid}, app roles and mapped groups. */
    ENTRAID_OIDC("entraid-oidc"),
    /** The platform's own local tokens ({@code iss=codemie-local}). */
    LOCAL("local");

    private final String value;

    IdpProvider(String value) {
        this.value = value;
    }

    /** The value as written in {@code IDP_PROVIDER}. */
    public String value() {
        return value;
    }

    /**
     * The provider named by a setting value; an unknown name stops startup (the platform would silently fall
     * back to trusting a header).
     */
    public static IdpProvider parse(String setting, String raw) {
        return SettingValue.parse(setting, raw, values(), IdpProvider::value, "identity provider");
    }
}
