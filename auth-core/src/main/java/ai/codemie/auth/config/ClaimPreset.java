package ai.codemie.auth.config;

/** How the claims of an issuer's tokens are read (the {@code preset} of a trusted issuer). */
public enum ClaimPreset {
    /** Keycloak: {@code sub}, {@code realm_access.roles}, top-level {@code roles}, configured clients. */
    KEYCLOAK("keycloak"),
    /** Microsoft Entra ID: {@code oid}, app {@code roles}, {@code groups} mapped to roles. */
    ENTRA("entra"),
    /** Generic OpenID Connect: {@code sub}, roles from configured claim paths. */
    OIDC("oidc");

    private final String value;

    ClaimPreset(String value) {
        this.value = value;
    }

    /** The value as written in configuration. */
    public String value() {
        return value;
    }

    /** The preset that fits an identity provider when an issuer names none. */
    public static ClaimPreset defaultFor(IdpProvider provider) {
        return switch (provider) {
            case ENTRAID_OIDC -> ENTRA;
            case OIDC -> OIDC;
            case KEYCLOAK, LOCAL -> KEYCLOAK;
        };
    }

    /** The preset named by a configuration value. */
    public static ClaimPreset parse(String setting, String raw) {
        return SettingValue.parse(setting, raw, values(), ClaimPreset::value, "claim preset");
    }
}
