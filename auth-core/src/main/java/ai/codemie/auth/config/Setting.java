package ai.codemie.auth.config;

import ai.codemie.auth.error.InvalidConfigurationException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The declaration of one setting: its environment variable name, how its text is read, its default, the check
 * every value passes, the concern it belongs to, its {@code codemie.auth.*} property and its one-line
 * documentation. Reading, building, the Spring Boot properties and the README's table all follow from it.
 *
 * <p>Instances are immutable; each {@code with}-style method returns a copy. {@link #toString()} is the
 * environment name, so that a setting reads naturally in messages.
 *
 * @param <T> the type of the setting's value
 */
public final class Setting<T> {

    /** What a setting's text means; adapters that bind settings from elsewhere (Spring properties) follow it. */
    public enum Kind {
        /** {@code true}/{@code false} and their usual spellings, see {@link Setting#parseBoolean}. */
        BOOLEAN,
        /** Text, trimmed. */
        TEXT,
        /** One of a fixed set of lower-case words. */
        CHOICE,
        /** A whole number that fits an {@code int}. */
        INTEGER,
        /** A number of bytes. */
        BYTES,
        /** A whole number of seconds. */
        SECONDS,
        /** A file path. */
        PATH,
        /** Comma-separated words. */
        LIST,
        /** The JSON list of trusted issuers. */
        ISSUERS
    }

    /** Reads a setting's trimmed, non-blank text; may look at the settings read before it. */
    @FunctionalInterface
    public interface Reader<T> {
        /** The value of {@code text}, or an {@link InvalidConfigurationException} naming {@code setting}. */
        T read(String setting, String text, Values readSoFar);
    }

    /** Checks (and may normalise) a value before it is used; a bad value is an error naming the setting. */
    @FunctionalInterface
    public interface Check<T> {
        /** The value to use, or an {@link InvalidConfigurationException} naming {@code setting}. */
        T check(String setting, T value);
    }

    /** The values of some settings. */
    public interface Values {
        /** The value of a setting. */
        <V> V get(Setting<V> setting);
    }

    private final String name;
    private final Kind kind;
    private final Reader<T> reader;
    private final T defaultValue;
    private final Function<T, String> written;
    private final String shownDefault;
    private final Check<T> check;
    private final String group;
    private final String property;
    private final String description;
    private final boolean readLast;

    private Setting(String name, Kind kind, Reader<T> reader, T defaultValue, Function<T, String> written,
            String shownDefault, Check<T> check, String group, String property, String description,
            boolean readLast) {
        this.name = Objects.requireNonNull(name);
        this.kind = Objects.requireNonNull(kind);
        this.reader = Objects.requireNonNull(reader);
        this.defaultValue = defaultValue;
        this.written = written;
        this.shownDefault = shownDefault;
        this.check = check;
        this.group = group;
        this.property = property;
        this.description = description;
        this.readLast = readLast;
    }

    /** A setting read by {@code reader}, with no default, check, group, property or documentation yet. */
    public static <T> Setting<T> of(String name, Kind kind, Reader<T> reader) {
        return new Setting<>(name, kind, reader, null, String::valueOf, null, (setting, value) -> value, "", null,
                "", false);
    }

    /** A boolean setting, see {@link #parseBoolean}. */
    public static Setting<Boolean> bool(String name, boolean defaultValue) {
        return of(name, Kind.BOOLEAN, (setting, text, soFar) -> parseBoolean(setting, text)).defaultValue(defaultValue);
    }

    /** A text setting, read trimmed. */
    public static Setting<String> text(String name, String defaultValue) {
        return of(name, Kind.TEXT, (setting, text, soFar) -> text).defaultValue(defaultValue);
    }

    /** A whole number that fits an {@code int}. */
    public static Setting<Integer> integer(String name, int defaultValue) {
        return of(name, Kind.INTEGER, (setting, text, soFar) -> readInt(setting, text)).defaultValue(defaultValue);
    }

    /** A number of bytes. */
    public static Setting<Long> bytes(String name, long defaultValue) {
        return of(name, Kind.BYTES, (setting, text, soFar) -> readLong(setting, text)).defaultValue(defaultValue);
    }

    /** A duration written as a whole number of seconds, never negative. */
    public static Setting<Duration> seconds(String name, Duration defaultValue) {
        return of(name, Kind.SECONDS, (setting, text, soFar) -> {
            int seconds = readInt(setting, text);
            if (seconds < 0) {
                throw new InvalidConfigurationException(setting, "must not be negative, was " + seconds);
            }
            return Duration.ofSeconds(seconds);
        }).defaultValue(defaultValue).written(value -> Long.toString(value.toSeconds()));
    }

    /** A file path, unset by default. */
    public static Setting<Path> path(String name) {
        return of(name, Kind.PATH, (setting, text, soFar) -> {
            try {
                return Path.of(text);
            } catch (InvalidPathException e) {
                throw new InvalidConfigurationException(setting, "is not a file path: '" + text + "' (" + e.getReason()
                        + ")");
            }
        });
    }

    /** Comma-separated words, blanks dropped. */
    public static Setting<Set<String>> words(String name, Set<String> defaultValue) {
        return of(name, Kind.LIST, (setting, text, soFar) -> Set.copyOf(Arrays.stream(text.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList()))
                .defaultValue(defaultValue).written(value -> String.join(",", value));
    }

    /** One of an enumeration's constants, written in lower case and compared without case. */
    public static <E extends Enum<E>> Setting<E> choice(String name, E defaultValue, Function<E, String> written,
            String what) {
        E[] constants = defaultValue.getDeclaringClass().getEnumConstants();
        return of(name, Kind.CHOICE, (setting, text, soFar) -> SettingValue.parse(setting, text, constants, written,
                what)).defaultValue(defaultValue).written(written);
    }

    /** This setting with a default value. */
    public Setting<T> defaultValue(T value) {
        return new Setting<>(name, kind, reader, value, written, shownDefault, check, group, property, description,
                readLast);
    }

    /** This setting with the way its values are written in documentation and properties. */
    public Setting<T> written(Function<T, String> value) {
        return new Setting<>(name, kind, reader, defaultValue, value, shownDefault, check, group, property,
                description, readLast);
    }

    /** This setting with its default as the documentation shows it (Markdown), where the written form is not enough. */
    public Setting<T> shownDefault(String markdown) {
        return new Setting<>(name, kind, reader, defaultValue, written, markdown, check, group, property, description,
                readLast);
    }

    /** This setting with one more check, run after the ones before. */
    public Setting<T> check(Check<T> next) {
        Check<T> first = check;
        return new Setting<>(name, kind, reader, defaultValue, written, shownDefault,
                (setting, value) -> next.check(setting, first.check(setting, value)), group, property, description,
                readLast);
    }

    /** This setting in a group of settings of one concern (a heading of the documentation). */
    public Setting<T> group(String title) {
        return new Setting<>(name, kind, reader, defaultValue, written, shownDefault, check, title, property,
                description, readLast);
    }

    /** This setting with its Spring Boot property, relative to {@code codemie.auth} (e.g. {@code jwks.leeway}). */
    public Setting<T> property(String relativeName) {
        return new Setting<>(name, kind, reader, defaultValue, written, shownDefault, check, group, relativeName,
                description, readLast);
    }

    /** This setting with its one-line documentation (Markdown). */
    public Setting<T> doc(String markdown) {
        return new Setting<>(name, kind, reader, defaultValue, written, shownDefault, check, group, property, markdown,
                readLast);
    }

    /** This setting read after every other, as its reading depends on their values. */
    public Setting<T> readLast() {
        return new Setting<>(name, kind, reader, defaultValue, written, shownDefault, check, group, property,
                description, true);
    }

    /** The environment variable name. */
    public String name() { return name; }
    /** What the setting's text means. */
    public Kind kind() { return kind; }
    /** The value when the setting is not given; may be null. */
    public T defaultValue() { return defaultValue; }
    /** The concern the setting belongs to. */
    public String group() { return group; }
    /** The Spring Boot property relative to {@code codemie.auth}, or null when there is none. */
    public String property() { return property; }
    /** One line of documentation (Markdown). */
    public String description() { return description; }
    /** Whether the setting is read after the others. */
    public boolean isReadLast() { return readLast; }

    /** The value of a setting's text; an error names the setting. */
    public T read(String text, Values readSoFar) {
        return reader.read(name, text, readSoFar);
    }

    /** The value to use for {@code value}, after every check; an error names the setting. */
    public T checked(T value) {
        return check.check(name, value);
    }

    /** A value as written in the setting. */
    public String write(T value) {
        return written.apply(value);
    }

    /** The default as the documentation shows it (Markdown): the written value, "empty" or "unset". */
    public String shownDefault() {
        if (shownDefault != null) {
            return shownDefault;
        }
        if (defaultValue == null) {
            return "unset";
        }
        String text = write(defaultValue);
        return text.isEmpty() || (defaultValue instanceof Collection<?> c && c.isEmpty()) ? "empty" : "`" + text + "`";
    }

    /** The environment variable name. */
    @Override
    public String toString() {
        return name;
    }

    /**
     * Reads a boolean as every boolean setting is read: {@code true}/{@code false}, {@code 1}/{@code 0},
     * {@code yes}/{@code no}, {@code on}/{@code off}, {@code t}/{@code f}, {@code y}/{@code n} in any case; anything
     * else is an error naming the setting.
     */
    public static boolean parseBoolean(String setting, String value) {
        String trimmed = value.trim();
        return switch (trimmed.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on", "t", "y" -> true;
            case "false", "0", "no", "off", "f", "n" -> false;
            default -> throw new InvalidConfigurationException(setting, "is not a boolean: '" + trimmed
                    + "'; use true or false");
        };
    }

    private static long readLong(String setting, String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(setting, "is not a whole number: '" + text + "'");
        }
    }

    private static int readInt(String setting, String text) {
        long value = readLong(setting, text);
        if (value != (int) value) {
            throw new InvalidConfigurationException(setting, "is out of range: '" + value + "'");
        }
        return (int) value;
    }

    // The checks the settings share; each message names the setting through the exception.

    /** Non-blank text, trimmed. */
    public static Check<String> notEmpty() {
        return (setting, value) -> {
            if (value == null || value.isBlank()) {
                throw new InvalidConfigurationException(setting, "must not be empty");
            }
            return value.trim();
        };
    }

    /** A value that is always given. */
    public static <T> Check<T> required() {
        return (setting, value) -> Objects.requireNonNull(value, setting);
    }

    /** At least {@code minimum}. */
    public static Check<Integer> atLeast(int minimum) {
        return (setting, value) -> {
            if (value < minimum) {
                throw new InvalidConfigurationException(setting, "must be at least " + minimum + ", was " + value);
            }
            return value;
        };
    }

    /** From {@code minimum} to {@code maximum}, both included. */
    public static <N extends Number> Check<N> between(long minimum, long maximum) {
        return (setting, value) -> {
            if (value.longValue() < minimum || value.longValue() > maximum) {
                throw new InvalidConfigurationException(setting, "must be between " + minimum + " and " + maximum
                        + ", was " + value);
            }
            return value;
        };
    }

    /** A duration that is positive ({@code positive}) or zero or more. */
    public static Check<Duration> duration(boolean positive) {
        return (setting, value) -> {
            Objects.requireNonNull(value, setting);
            if (value.isNegative() || (positive && value.isZero())) {
                throw new InvalidConfigurationException(setting, "must be " + (positive ? "positive" : "zero or more")
                        + ", was " + value.toSeconds() + " seconds");
            }
            return value;
        };
    }

    /** The settings of a list as a Markdown table, one heading row per group, in the list's order. */
    public static String markdownTable(List<Setting<?>> settings) {
        StringBuilder table = new StringBuilder("| name | default | meaning |\n|---|---|---|\n");
        String group = null;
        for (Setting<?> setting : settings) {
            if (!setting.group().equals(group)) {
                group = setting.group();
                table.append("| **").append(group).append("** | | |\n");
            }
            table.append("| `").append(setting.name()).append("` | ").append(setting.shownDefault()).append(" | ")
                    .append(setting.description()).append(" |\n");
        }
        return table.toString();
    }
}
