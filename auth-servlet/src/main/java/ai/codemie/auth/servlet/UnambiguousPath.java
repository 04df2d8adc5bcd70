package ai.codemie.auth.servlet;

import ai.codemie.auth.error.AuthException;
import ai.codemie.auth.error.Problem;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The request path the path rules decide on, accepted only when it has a single reading. Containers normalise the
 * path they dispatch on (servlet path plus path info: path parameters dropped, dot segments resolved, {@code //}
 * merged) while routers such as Spring MVC's match the raw request URI; a path that reads one way for the rules and
 * another way for the router would let a rule decide about another endpoint than the one called. So the raw path,
 * decoded segment by segment, must be exactly the container's path, and must hold no path parameter, dot segment,
 * empty segment, encoded or raw separator ({@code %2F}, {@code \}, {@code %5C}), encoded {@code %}, control
 * character or malformed percent-encoding. (Letter case and a trailing slash are the rules' own concern, see
 * {@link PathRules#match}.)
 */
final class UnambiguousPath {

    private UnambiguousPath() {
    }

    /**
     * The container's path of the request when the raw request URI reads the same.
     *
     * @throws AuthException 400 when the path has another reading
     */
    static String of(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath() == null ? "" : request.getContextPath();
        if (uri == null || !uri.startsWith(context)) {
            throw refusal("The path does not start with the application's context path.");
        }
        String raw = uri.substring(context.length());
        String decoded = decode(raw.isEmpty() ? "/" : raw);
        if (!decoded.equals(CodemieAuthFilter.pathOf(request))) {
            throw refusal("The server reads the path differently once decoded; send it in its plain form.");
        }
        return decoded;
    }

    /**
     * The raw path inside the application decoded segment by segment.
     *
     * @throws AuthException 400 when the path is not in its one plain form
     */
    static String decode(String raw) {
        if (!raw.startsWith("/")) {
            throw refusal("The path must start with '/'.");
        }
        // without a '%' every segment is its own decoding: checked in place, and the path is the raw text itself
        boolean plain = raw.indexOf('%') < 0;
        StringBuilder path = plain ? null : new StringBuilder(raw.length());
        int start = 1;
        while (true) {
            int slash = raw.indexOf('/', start);
            int end = slash < 0 ? raw.length() : slash;
            if (end == start && slash >= 0) {
                throw invalid("an empty segment ('//')");
            }
            checkRaw(raw, start, end);
            if (plain) {
                checkDecoded(raw, start, end);
            } else {
                path.append('/').append(decodeSegment(raw.substring(start, end)));
            }
            if (slash < 0) {
                return plain ? raw : path.toString();
            }
            start = slash + 1;
        }
    }

    /** A segment that passed {@link #checkRaw}, decoded and checked. */
    private static String decodeSegment(String segment) {
        String decoded = segment.indexOf('%') < 0 ? segment : percentDecode(segment);
        checkDecoded(decoded, 0, decoded.length());
        return decoded;
    }

    /** The checks of a segment as sent, {@code text[from, to)}: no path parameter, nothing outside ASCII. */
    private static void checkRaw(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == ';') {
                throw invalid("a path parameter (';')");
            }
            if (c > 0x7f) {
                throw invalid("a character that is not percent-encoded");
            }
        }
    }

    /**
     * The checks of a decoded segment, {@code text[from, to)}: not a dot segment, no separator, no {@code %}, no
     * control character.
     */
    private static void checkDecoded(String text, int from, int to) {
        boolean dots = to - from <= 2 && to > from;
        for (int i = from; i < to && dots; i++) {
            dots = text.charAt(i) == '.';
        }
        if (dots) {
            throw invalid("a dot segment ('.' or '..')");
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '/' || c == '\\') {
                throw invalid("an encoded or raw separator ('%2F', '\\', '%5C')");
            }
            if (c == '%') {
                throw invalid("an encoded '%' ('%25')");
            }
            if (c < 0x20 || c == 0x7f) {
                throw invalid("a control character");
            }
        }
    }

    private static String percentDecode(String segment) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%') {
                int high = i + 2 < segment.length() ? Character.digit(segment.charAt(i + 1), 16) : -1;
                int low = high >= 0 ? Character.digit(segment.charAt(i + 2), 16) : -1;
                if (low < 0) {
                    throw invalid("a malformed percent-encoding");
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw invalid("a percent-encoding that is not UTF-8");
        }
    }

    private static AuthException invalid(String what) {
        return refusal("The path must not contain " + what + ".");
    }

    /** The 400 "Invalid request path" with the details. */
    static AuthException refusal(String details) {
        return new AuthException(new Problem(Problem.Status.BAD_REQUEST, "invalid_path", "Invalid request path",
                details, null));
    }
}
