package ai.codemie.auth.audit;

import static ai.codemie.auth.audit.Audit.state;
import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.LogCapture;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The default sink's line: one JSON object per event that no value can break. */
class LoggingAuditSinkTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void rendersEveryMemberInOrderWithNullsNumbersBooleansAndLists() {
        AuditEvent event = new AuditEvent(AT, "u-1", "user.admin", null, "proj", "u-2",
                state("is_admin", false, "project_limit", 3, "roles", List.of("a", "b"), "gone", null),
                state("is_admin", true, "project_limit", null, "roles", List.of(), "nested", state("k", 1.5)));

        assertThat(LoggingAuditSink.line(event)).isEqualTo("{\"at\":\"2026-03-01T10:00:00Z\",\"actor\":\"u-1\","
                + "\"action\":\"user.admin\",\"tenant\":null,\"project\":\"proj\",\"target\":\"u-2\","
                + "\"before\":{\"is_admin\":false,\"project_limit\":3,\"roles\":[\"a\",\"b\"],\"gone\":null},"
                + "\"after\":{\"is_admin\":true,\"project_limit\":null,\"roles\":[],\"nested\":{\"k\":1.5}}}");
    }

    @Test
    void emptyStatesAreEmptyObjects() {
        AuditEvent event = new AuditEvent(AT, "u-1", "project.create", "t", "p", "p", null, Map.of());

        assertThat(LoggingAuditSink.line(event)).isEqualTo("{\"at\":\"2026-03-01T10:00:00Z\",\"actor\":\"u-1\","
                + "\"action\":\"project.create\",\"tenant\":\"t\",\"project\":\"p\",\"target\":\"p\","
                + "\"before\":{},\"after\":{}}");
    }

    @Test
    void escapesEverythingThatCouldEndTheStringOrTheLine() {
        String hostile = "a\"b\\c\nd\re\tf\u0000g\u001fh\u2028i\u2029j";
        AuditEvent event = new AuditEvent(AT, "u-1", "project.create", null, hostile, "x\"}, \"forged\":\"1",
                Map.of(), state("description\n", List.of(hostile)));

        String line = LoggingAuditSink.line(event);

        String escaped = "a\\\"b\\\\c\\nd\\re\\tf\\u0000g\\u001fh\\u2028i\\u2029j";
        assertThat(line).isEqualTo("{\"at\":\"2026-03-01T10:00:00Z\",\"actor\":\"u-1\","
                + "\"action\":\"project.create\",\"tenant\":null,\"project\":\"" + escaped + "\","
                + "\"target\":\"x\\\"}, \\\"forged\\\":\\\"1\",\"before\":{},"
                + "\"after\":{\"description\\n\":[\"" + escaped + "\"]}}");
        assertThat(line.chars().filter(c -> c < 0x20 || c == 0x2028 || c == 0x2029)).isEmpty();
    }

    @Test
    void escapesLoneSurrogatesAndKeepsPairs() {
        String text = "\ud83d\ude00 \ud83d x \ude00";
        AuditEvent event = new AuditEvent(AT, "u-1", "a", null, null, text, Map.of(), Map.of());

        assertThat(LoggingAuditSink.line(event)).contains("\"target\":\"\ud83d\ude00 \\ud83d x \\ude00\"");
    }

    @Test
    void writesOneLineAtInfoOnTheAuditLogger() {
        AuditEvent event = new AuditEvent(AT, "u-1", "user.deactivate", null, null, "u-2\nforged line",
                state("is_active", true), state("is_active", false));

        try (LogCapture log = LogCapture.start()) {
            AuditSink.logging().record(event);

            List<String> lines = log.lines("ai.codemie.auth.audit");
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0)).contains("INFO ai.codemie.auth.audit - " + LoggingAuditSink.line(event));
            assertThat(log.lines("forged line")).isEqualTo(lines);
        }
    }
}
