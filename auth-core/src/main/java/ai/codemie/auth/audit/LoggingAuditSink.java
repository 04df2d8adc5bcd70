package ai.codemie.auth.audit;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes each event as one JSON line at INFO on a dedicated logger, so that it can be routed on its own. */
final class LoggingAuditSink implements AuditSink {

    /** The logger's name. */
    static final String LOGGER = "ai.codemie.auth.audit";

    static final LoggingAuditSink INSTANCE = new LoggingAuditSink();

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private LoggingAuditSink() {
    }

    @Override
    public void record(AuditEvent event) {
        if (LOG.isInfoEnabled()) {
            LOG.info(line(event));
        }
    }

    /**
     * The event as one line of JSON, members in the order of {@link AuditEvent}: no value can end the line or the
     * string it is in (quotes, backslashes, control characters, U+2028, U+2029 and lone surrogates are escaped).
     */
    static String line(AuditEvent event) {
        StringBuilder out = new StringBuilder(160).append('{');
        member(out, "at", event.at().toString()).append(',');
        member(out, "actor", event.actor()).append(',');
        member(out, "action", event.action()).append(',');
        member(out, "tenant", event.tenant()).append(',');
        member(out, "project", event.project()).append(',');
        member(out, "target", event.target()).append(',');
        member(out, "before", event.before()).append(',');
        member(out, "after", event.after());
        return out.append('}').toString();
    }

    private static StringBuilder member(StringBuilder out, String name, Object value) {
        string(out, name).append(':');
        return value(out, value);
    }

    private static StringBuilder value(StringBuilder out, Object value) {
        if (value == null) {
            return out.append("null");
        }
        if (value instanceof Number || value instanceof Boolean) {
            return out.append(value);
        }
        if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                member(out, String.valueOf(entry.getKey()), entry.getValue());
            }
            return out.append('}');
        }
        if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                value(out, list.get(i));
            }
            return out.append(']');
        }
        return string(out, value.toString());
    }

    private static StringBuilder string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029 || loneSurrogate(text, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    /** Whether the char at i is half of a surrogate pair without its other half, which no encoder could write. */
    private static boolean loneSurrogate(String text, int i) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
        }
        return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
    }
}
