package ai.codemie.auth.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the library's administration reports its changes: stamps each one with the time of the given clock and hands
 * it to the sink, which can neither undo nor fail the change. Call it once per change, after the change committed,
 * and not for a refused operation, a failed one or one that changed nothing. Thread-safe.
 */
public final class Audit {

    /**
     * Where a failing sink is reported: the administration's logger, not the audit logger, so that routing the audit
     * trail elsewhere never hides the failure.
     */
    static final String FAILURE_LOGGER = "ai.codemie.auth.admin";

    private static final Logger LOG = LoggerFactory.getLogger(FAILURE_LOGGER);

    private final AuditSink sink;
    private final Clock clock;

    /**
     * @param sink  where the events go
     * @param clock the time written as {@link AuditEvent#at()}
     */
    public Audit(AuditSink sink, Clock clock) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Reports one committed change (the members as in {@link AuditEvent}). An exception of the sink is logged at
     * WARN on the logger {@code ai.codemie.auth.admin}, naming the action, target and actor, and goes no further.
     */
    public void record(String actor, String action, String tenant, String project, String target,
            Map<String, Object> before, Map<String, Object> after) {
        report(new AuditEvent(clock.instant(), actor, action, tenant, project, target, before, after));
    }

    /**
     * Reports one committed change already made into an event, with the same guarantee as
     * {@link #record(String, String, String, String, String, Map, Map)}.
     */
    public void report(AuditEvent event) {
        try {
            sink.record(event);
        } catch (Exception e) {
            LOG.warn("Audit sink {} failed to record {} of {} by {}; the change stands", sink.getClass().getName(),
                    event.action(), event.target(), event.actor(), e);
        }
    }

    /** The time of an event made now, by this audit's clock. */
    public Instant now() {
        return clock.instant();
    }

    /**
     * A {@code before} or {@code after} state: the fields as name and value pairs, kept in this order; a value may
     * be null.
     *
     * @throws IllegalArgumentException when a name is missing or is not a string
     */
    public static Map<String, Object> state(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("a state needs a value for each name");
        }
        Map<String, Object> state = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (!(namesAndValues[i] instanceof String name)) {
                throw new IllegalArgumentException("a state's field name must be a string: " + namesAndValues[i]);
            }
            state.put(name, namesAndValues[i + 1]);
        }
        return state;
    }
}
