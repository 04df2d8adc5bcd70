/** The audit trail of administrative changes: the event, the sink SPI and its default logging sink. */
package ai.codemie.auth.audit;
