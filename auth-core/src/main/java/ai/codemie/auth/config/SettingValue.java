package ai.codemie.auth.config;

import ai.codemie.auth.error.InvalidConfigurationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads the enumerated settings, which are written in lower case and compared without case. */
final class SettingValue {

    private SettingValue() {
    }

    /** The constant whose written value is {@code raw}, or an error naming the setting, the value and the choices. */
    static <E extends Enum<E>> E parse(String setting, String raw, E[] constants, Function<E, String> written,
            String what) {
        String wanted = raw.trim().toLowerCase(Locale.ROOT);
        for (E constant : constants) {
            if (written.apply(constant).equals(wanted)) {
                return constant;
            }
        }
        throw new InvalidConfigurationException(setting, "unknown " + what + " '" + raw + "'; expected one of "
                + Arrays.stream(constants).map(written).collect(Collectors.joining(", ")));
    }
}
