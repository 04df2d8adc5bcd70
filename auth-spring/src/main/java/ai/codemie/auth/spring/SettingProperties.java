package ai.codemie.auth.spring;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.Setting;
import com.nimbusds.jose.util.JSONArrayUtils;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * The library's settings as Spring properties: every setting of {@link AuthSettings} with a
 * {@link Setting#property() property} is also {@code codemie.auth.<property>}, bound with the Spring type that fits
 * its {@link Setting.Kind kind} (a {@link Duration} such as {@code 45s} for seconds, a {@link DataSize} such as
 * {@code 64MB} for bytes, a list for words and issuers). An environment name that is set wins over its property, so
 * that a deployment's Helm values override what the application packaged; unset properties keep the defaults.
 */
public final class SettingProperties {

    /** The prefix of every property. */
    public static final String PREFIX = "codemie.auth";

    private SettingProperties() {
    }

    /** The full property name of a setting, or null when it has none. */
    public static String propertyOf(Setting<?> setting) {
        return setting.property() == null ? null : PREFIX + "." + setting.property();
    }

    /**
     * The settings: each platform environment name is looked up in the Spring environment first (environment
     * variables, system properties, application properties under that exact name), then its property.
     */
    public static AuthSettings settings(Environment environment) {
        return settingsBuilder(environment).build();
    }

    /** A settings builder holding what {@link #settings} would build, for callers that add to it. */
    public static AuthSettings.Builder settingsBuilder(Environment environment) {
        Map<String, String> aliases = asEnvironment(Binder.get(environment));
        return AuthSettings.builder().environment(name -> {
            String value = environment.getProperty(name);
            return value == null || value.isBlank() ? aliases.get(name) : value;
        });
    }

    /** The values of the settings' properties under the platform's environment names; unset ones are absent. */
    public static Map<String, String> asEnvironment(Binder binder) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Setting<?> setting : AuthSettings.SETTINGS) {
            if (setting.property() != null) {
                String value = bind(binder, setting);
                if (value != null) {
                    env.put(setting.name(), value);
                }
            }
        }
        return env;
    }

    /** The Java type a setting's property is bound to, as Spring's configuration metadata names it. */
    public static String typeOf(Setting<?> setting) {
        return switch (setting.kind()) {
            case BOOLEAN -> Boolean.class.getName();
            case TEXT, CHOICE, PATH -> String.class.getName();
            case INTEGER -> Integer.class.getName();
            case BYTES -> DataSize.class.getName();
            case SECONDS -> Duration.class.getName();
            case LIST -> "java.util.List<java.lang.String>";
            case ISSUERS -> "java.util.List<" + CodemieAuthProperties.Issuer.class.getName() + ">";
        };
    }

    /** The property's value written as its environment name would be, or null when unset. */
    private static String bind(Binder binder, Setting<?> setting) {
        String name = propertyOf(setting);
        return switch (setting.kind()) {
            case BOOLEAN -> binder.bind(name, Boolean.class).map(String::valueOf).orElse(null);
            case TEXT, CHOICE, PATH -> binder.bind(name, String.class).orElse(null);
            case INTEGER -> binder.bind(name, Integer.class).map(String::valueOf).orElse(null);
            case BYTES -> binder.bind(name, DataSize.class).map(size -> Long.toString(size.toBytes())).orElse(null);
            case SECONDS -> binder.bind(name, Duration.class).map(d -> Long.toString(d.toSeconds())).orElse(null);
            case LIST -> binder.bind(name, Bindable.listOf(String.class)).map(list -> String.join(",", list))
                    .orElse(null);
            case ISSUERS -> binder.bind(name, Bindable.listOf(CodemieAuthProperties.Issuer.class))
                    .map(SettingProperties::issuersJson).orElse(null);
        };
    }

    /** The issuers as JSON, or null for none. */
    private static String issuersJson(List<CodemieAuthProperties.Issuer> issuers) {
        if (issuers.isEmpty()) {
            return null;
        }
        List<Object> json = new ArrayList<>();
        issuers.forEach(issuer -> json.add(issuer.asJson()));
        return JSONArrayUtils.toJSONString(json);
    }
}
