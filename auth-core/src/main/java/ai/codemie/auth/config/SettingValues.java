package ai.codemie.auth.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The values of one declared list of settings, starting at their defaults. A builder of settings holds one and
 * reads or sets values in it; {@link #checked()} runs every setting's check and gives the values to use.
 * Not thread-safe until checked; the checked copy is immutable.
 */
public final class SettingValues implements Setting.Values {

    private final List<Setting<?>> declared;
    private final Map<Setting<?>, Object> values;

    private SettingValues(List<Setting<?>> declared, Map<Setting<?>, Object> values) {
        this.declared = declared;
        this.values = values;
    }

    /** The defaults of every setting of the list. */
    public static SettingValues defaults(List<Setting<?>> declared) {
        Map<Setting<?>, Object> values = new IdentityHashMap<>();
        declared.forEach(setting -> values.put(setting, setting.defaultValue()));
        return new SettingValues(List.copyOf(declared), values);
    }

    /** Sets one setting's value (checked later, by {@link #checked()}). */
    public <T> void set(Setting<T> setting, T value) {
        requireDeclared(setting);
        values.put(setting, value);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        requireDeclared(setting);
        return (T) values.get(setting);
    }

    /**
     * Reads every setting from a lookup of environment names to values, in the declared order (settings read last
     * after the others); names the lookup does not know, or maps to a blank value, keep their current value.
     */
    public void read(Function<String, String> lookup) {
        List<Setting<?>> order = new ArrayList<>(declared);
        order.sort((a, b) -> Boolean.compare(a.isReadLast(), b.isReadLast())); // stable: declared order otherwise
        for (Setting<?> setting : order) {
            readOne(setting, lookup.apply(setting.name()));
        }
    }

    private <T> void readOne(Setting<T> setting, String text) {
        if (text != null && !text.isBlank()) {
            values.put(setting, setting.read(text.trim(), this));
        }
    }

    /** Every value after its setting's check, in the declared order; the first bad value is the error. */
    public SettingValues checked() {
        Map<Setting<?>, Object> checked = new IdentityHashMap<>();
        declared.forEach(setting -> checked.put(setting, checkOne(setting)));
        return new SettingValues(declared, Collections.unmodifiableMap(checked));
    }

    private <T> T checkOne(Setting<T> setting) {
        return setting.checked(get(setting));
    }

    private void requireDeclared(Setting<?> setting) {
        if (!values.containsKey(setting)) {
            throw new IllegalArgumentException(setting + " is not one of these settings");
        }
    }
}
