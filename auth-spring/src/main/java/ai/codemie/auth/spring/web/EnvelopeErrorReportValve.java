package ai.codemie.auth.spring.web;

import ai.codemie.auth.servlet.ErrorResponseWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Container;
import org.apache.catalina.Context;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's own error answers in the platform's error envelope instead of Tomcat's HTML page: the requests Tomcat
 * refuses before any application code runs — an encoded {@code /} or NUL or a malformed escape in the path, request
 * headers over the size limit — and errors the application left unanswered. The status's standard text, never
 * Tomcat's message or a stack trace.
 */
public class EnvelopeErrorReportValve extends ErrorReportValve {

    /**
     * Replaces the error report valve of the context's host with this one, and makes the host keep it (a host
     * adds its default valve at start unless one of its configured class is already there).
     */
    public static void install(Context context) {
        Container host = context.getParent();
        for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof ErrorReportValve) {
                host.getPipeline().removeValve(valve);
            }
        }
        host.getPipeline().addValve(new EnvelopeErrorReportValve());
        if (host instanceof StandardHost standard) {
            standard.setErrorReportValveClass(EnvelopeErrorReportValve.class.getName());
        }
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // as Tomcat's own: only an error nothing has been written for, and only once
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            response.setContentType(ErrorResponseWriter.CONTENT_TYPE);
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(FrameworkErrors.json(status, null));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client has gone or the response was committed meanwhile: nothing left to answer
            container.getLogger().debug("Could not write the error envelope", e);
        }
    }
}
