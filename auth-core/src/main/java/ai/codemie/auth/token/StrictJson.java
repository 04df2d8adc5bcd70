package ai.codemie.auth.token;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A strict RFC 8259 parser for token headers and payloads, stricter than the lenient parser nimbus uses: a member
 * name twice in one object (at any depth), a nesting deeper than {@link #MAX_DEPTH}, a comment, a single quote,
 * a trailing comma, {@code NaN}, a leading zero, a raw control character, an unpaired surrogate escape or anything
 * after the value is a {@link MalformedJsonException}. Why: nimbus silently keeps the last of two {@code roles}
 * members, so whoever forges the duplicate would choose the roles. Services parse request bodies with it for the
 * same reason: the last of two {@code is_admin} members must not win.
 *
 * <p>Objects come out as unmodifiable insertion-ordered maps, arrays as unmodifiable lists, integers that fit as
 * {@link Long}, other numbers as {@link Double} (as nimbus does), so verified claims can be shared across threads.
 */
public final class StrictJson {

    /**
     * Deepest accepted nesting of objects and arrays, the top-level object counting as 1. Keycloak's deepest claim
     * ({@code resource_access.<client>.roles}) is at depth 3.
     */
    public static final int MAX_DEPTH = 16;

    private final String text;
    private int pos;

    private StrictJson(String text) {
        this.text = text;
    }

    /**
     * The JSON object in the text.
     *
     * @throws MalformedJsonException if the text is anything else; its message says why without quoting the text
     */
    public static Map<String, Object> parseObject(String text) {
        StrictJson parser = new StrictJson(text);
        parser.skipWhitespace();
        if (parser.peek() != '{') {
            throw new MalformedJsonException("not a JSON object");
        }
        Map<String, Object> object = parser.readObject(1);
        parser.skipWhitespace();
        if (parser.pos != text.length()) {
            throw new MalformedJsonException("content after the JSON object");
        }
        return object;
    }

    private Object readValue(int depth) {
        skipWhitespace();
        char c = peek();
        switch (c) {
            case '{':
                return readObject(depth + 1);
            case '[':
                return readArray(depth + 1);
            case '"':
                return readString();
            case 't':
                expectLiteral("true");
                return Boolean.TRUE;
            case 'f':
                expectLiteral("false");
                return Boolean.FALSE;
            case 'n':
                expectLiteral("null");
                return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return readNumber();
                }
                throw new MalformedJsonException("unexpected character at " + pos);
        }
    }

    private Map<String, Object> readObject(int depth) {
        checkDepth(depth);
        pos++; // '{'
        Map<String, Object> object = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return new JsonObject(object);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw new MalformedJsonException("member name is not a string at " + pos);
            }
            String name = readString();
            skipWhitespace();
            expect(':');
            Object value = readValue(depth);
            int members = object.size();
            object.put(name, value);
            if (object.size() == members) { // one lookup instead of containsKey and put; the object is refused anyway
                throw new MalformedJsonException("duplicate member name");
            }
            skipWhitespace();
            char c = next();
            if (c == '}') {
                return new JsonObject(object);
            }
            if (c != ',') {
                throw new MalformedJsonException("expected ',' or '}' at " + (pos - 1));
            }
        }
    }

    private List<Object> readArray(int depth) {
        checkDepth(depth);
        pos++; // '['
        List<Object> array = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return Collections.unmodifiableList(array);
        }
        while (true) {
            array.add(readValue(depth));
            skipWhitespace();
            char c = next();
            if (c == ']') {
                return Collections.unmodifiableList(array);
            }
            if (c != ',') {
                throw new MalformedJsonException("expected ',' or ']' at " + (pos - 1));
            }
        }
    }

    private String readString() {
        pos++; // opening quote
        int start = pos;
        // fast path: no escapes
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                return text.substring(start, pos++);
            }
            if (c == '\\') {
                break;
            }
            checkStringChar(c);
            pos++;
        }
        StringBuilder builder = new StringBuilder(text.length() - start).append(text, start, pos);
        while (true) {
            char c = next();
            if (c == '"') {
                return builder.toString();
            }
            if (c != '\\') {
                checkStringChar(c);
                builder.append(c);
                continue;
            }
            char escape = next();
            switch (escape) {
                case '"', '\\', '/' -> builder.append(escape);
                case 'b' -> builder.append('\b');
                case 'f' -> builder.append('\f');
                case 'n' -> builder.append('\n');
                case 'r' -> builder.append('\r');
                case 't' -> builder.append('\t');
                case 'u' -> builder.append(readUnicodeEscape());
                default -> throw new MalformedJsonException("invalid escape at " + (pos - 1));
            }
        }
    }

    private static void checkStringChar(char c) {
        if (c < 0x20) {
            throw new MalformedJsonException("control character in a string");
        }
    }

    /** A {@code \}{@code uXXXX} escape; a surrogate must come as a valid pair (RFC 7493, I-JSON). */
    private String readUnicodeEscape() {
        char unit = (char) readHex4();
        if (Character.isHighSurrogate(unit)) {
            if (pos + 1 < text.length() && text.charAt(pos) == '\\' && text.charAt(pos + 1) == 'u') {
                pos += 2;
                char low = (char) readHex4();
                if (Character.isLowSurrogate(low)) {
                    return new String(new char[] {unit, low});
                }
            }
            throw new MalformedJsonException("unpaired surrogate escape");
        }
        if (Character.isLowSurrogate(unit)) {
            throw new MalformedJsonException("unpaired surrogate escape");
        }
        return String.valueOf(unit);
    }

    private int readHex4() {
        if (pos + 4 > text.length()) {
            throw new MalformedJsonException("truncated unicode escape");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(pos++), 16);
            if (digit < 0) {
                throw new MalformedJsonException("invalid unicode escape");
            }
            value = value << 4 | digit;
        }
        return value;
    }

    private Number readNumber() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        int intStart = pos;
        if (peek() == '0') {
            pos++;
            if (isDigit(peekOrEnd())) {
                throw new MalformedJsonException("leading zero in a number");
            }
        } else {
            requireDigits();
        }
        int intEnd = pos;
        boolean integral = true;
        if (peekOrEnd() == '.') {
            pos++;
            requireDigits();
            integral = false;
        }
        char e = peekOrEnd();
        if (e == 'e' || e == 'E') {
            pos++;
            char sign = peekOrEnd();
            if (sign == '+' || sign == '-') {
                pos++;
            }
            requireDigits();
            integral = false;
        }
        String literal = text.substring(start, pos);
        if (integral && intEnd - intStart <= 19) {
            try {
                return Long.parseLong(literal);
            } catch (NumberFormatException beyondLong) {
                // 19 digits above Long.MAX_VALUE: a double, as nimbus reads it
            }
        }
        double value = Double.parseDouble(literal);
        if (Double.isInfinite(value)) {
            throw new MalformedJsonException("number out of range");
        }
        return value;
    }

    private void requireDigits() {
        if (!isDigit(peekOrEnd())) {
            throw new MalformedJsonException("digit expected at " + pos);
        }
        while (isDigit(peekOrEnd())) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void expectLiteral(String literal) {
        if (!text.startsWith(literal, pos)) {
            throw new MalformedJsonException("unexpected literal at " + pos);
        }
        pos += literal.length();
    }

    private void expect(char c) {
        if (next() != c) {
            throw new MalformedJsonException("expected '" + c + "' at " + (pos - 1));
        }
    }

    private void checkDepth(int depth) {
        if (depth > MAX_DEPTH) {
            throw new MalformedJsonException("nesting deeper than " + MAX_DEPTH);
        }
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private char peek() {
        if (pos >= text.length()) {
            throw new MalformedJsonException("unexpected end of JSON");
        }
        return text.charAt(pos);
    }

    /** The next character, or NUL at the end (NUL is never valid where this is used). */
    private char peekOrEnd() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    /**
     * An object as the parser returns it: unmodifiable, in member order, and holding the only reference to its
     * members, so that nothing can change it after parsing. {@link VerifiedToken} shares such a map instead of
     * copying it.
     */
    static final class JsonObject extends AbstractMap<String, Object> {

        private final Map<String, Object> members;

        private JsonObject(Map<String, Object> parsed) {
            this.members = Collections.unmodifiableMap(parsed);
        }

        @Override
        public Object get(Object key) {
            return members.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return members.containsKey(key);
        }

        @Override
        public Object getOrDefault(Object key, Object defaultValue) {
            return members.getOrDefault(key, defaultValue);
        }

        @Override
        public int size() {
            return members.size();
        }

        @Override
        public boolean isEmpty() {
            return members.isEmpty();
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return members.entrySet();
        }

        @Override
        public Set<String> keySet() {
            return members.keySet();
        }

        @Override
        public Collection<Object> values() {
            return members.values();
        }

        @Override
        public void forEach(BiConsumer<? super String, ? super Object> action) {
            members.forEach(action);
        }

        // every change goes to the unmodifiable view, which refuses it, even where AbstractMap would do nothing

        @Override
        public Object put(String key, Object value) {
            return members.put(key, value);
        }

        @Override
        public void putAll(Map<? extends String, ?> values) {
            members.putAll(values);
        }

        @Override
        public Object remove(Object key) {
            return members.remove(key);
        }

        @Override
        public boolean remove(Object key, Object value) {
            return members.remove(key, value);
        }

        @Override
        public void clear() {
            members.clear();
        }

        @Override
        public Object putIfAbsent(String key, Object value) {
            return members.putIfAbsent(key, value);
        }

        @Override
        public Object replace(String key, Object value) {
            return members.replace(key, value);
        }

        @Override
        public boolean replace(String key, Object oldValue, Object newValue) {
            return members.replace(key, oldValue, newValue);
        }

        @Override
        public void replaceAll(BiFunction<? super String, ? super Object, ?> function) {
            members.replaceAll(function);
        }

        @Override
        public Object computeIfAbsent(String key, Function<? super String, ?> function) {
            return members.computeIfAbsent(key, function);
        }

        @Override
        public Object computeIfPresent(String key, BiFunction<? super String, ? super Object, ?> function) {
            return members.computeIfPresent(key, function);
        }

        @Override
        public Object compute(String key, BiFunction<? super String, ? super Object, ?> function) {
            return members.compute(key, function);
        }

        @Override
        public Object merge(String key, Object value, BiFunction<? super Object, ? super Object, ?> function) {
            return members.merge(key, value, function);
        }

        @Override
        public boolean equals(Object other) {
            return other == this || members.equals(other);
        }

        @Override
        public int hashCode() {
            return members.hashCode();
        }

        @Override
        public String toString() {
            return members.toString();
        }
    }

    /** The text is not strict JSON; the message says why but never quotes the text. */
    public static final class MalformedJsonException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        MalformedJsonException(String message) {
            super(message, null, false, false);
        }
    }
}
