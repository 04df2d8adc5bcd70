package ai.codemie.auth.error;

/** A setting is missing or has a bad value; thrown at startup so the service does not start. */
public class InvalidConfigurationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String setting;

    /** The setting (its environment variable name) and what is wrong with its value. */
    public InvalidConfigurationException(String setting, String message) {
        this(setting, message, null);
    }

    /** As {@link #InvalidConfigurationException(String, String)}, with the failure behind it. */
    public InvalidConfigurationException(String setting, String message, Throwable cause) {
        super(setting + ": " + message, cause);
        this.setting = setting;
    }

    /** The name of the setting that is wrong, as the operator wrote it (environment variable name). */
    public String setting() {
        return setting;
    }
}
