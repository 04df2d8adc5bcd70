package ai.codemie.auth.audit;

/**
 * Where administrative changes are reported, one {@link AuditEvent} per change after it committed. Implementations
 * must be thread-safe and should not throw: a failing sink is logged and never undoes the change.
 */
@FunctionalInterface
public interface AuditSink {

    /** Reports one committed change. */
    void record(AuditEvent event);

    /** The default sink: one JSON line per event at INFO on the logger {@code ai.codemie.auth.audit}. */
    static AuditSink logging() {
        return LoggingAuditSink.INSTANCE;
    }
}
