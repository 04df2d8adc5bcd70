package ai.codemie.auth.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.LogCapture;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The one path administrative changes are reported through. */
class AuditTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void stampsTheEventWithTheClocksTime() {
        List<AuditEvent> events = new CopyOnWriteArrayList<>();

        new Audit(events::add, CLOCK).record("u-1", "tenant.role.create", "acme", null, "reader", Map.of(),
                Map.of("patterns", List.of("agent:chat")));

        assertThat(events).containsExactly(new AuditEvent(NOW, "u-1", "tenant.role.create", "acme", null, "reader",
                Map.of(), Map.of("patterns", List.of("agent:chat"))));
    }

    @Test
    void aSinkThatThrowsIsLoggedOnTheAdministrationsLoggerAndGoesNoFurther() {
        Audit audit = new Audit(event -> {
            throw new IllegalStateException("disk full");
        }, CLOCK);

        try (LogCapture log = LogCapture.start()) {
            audit.record("u-1", "user.deactivate", null, null, "u-2", Map.of(), Map.of());

            assertThat(log.lines("WARN ai.codemie.auth.admin - Audit sink",
                    "failed to record user.deactivate of u-2 by u-1; the change stands")).hasSize(1);
            assertThat(log.lines("IllegalStateException: disk full")).hasSize(1);
        }
    }

    @Test
    void aStateKeepsItsOrderAndNullValues() {
        Map<String, Object> state = Audit.state("z", 1, "a", null, "m", true);

        assertThat(state.keySet()).containsExactly("z", "a", "m");
        assertThat(state).containsEntry("a", null);
        assertThat(new AuditEvent(NOW, "u", "x", null, null, null, state, null).before().keySet())
                .containsExactly("z", "a", "m");
    }

    @Test
    void aStateRefusesANameWithoutValueOrANameThatIsNoString() {
        assertThatThrownBy(() -> Audit.state("is_admin")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Audit.state(1, true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a string");
    }
}
