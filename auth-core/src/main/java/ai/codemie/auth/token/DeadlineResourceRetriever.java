package ai.codemie.auth.token;

import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.Resource;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * nimbus' retriever with a deadline on the whole fetch, not only on connecting and on each read: an endpoint that
 * sends its answer a byte at a time, each within the read timeout, would otherwise hold a request (or startup) for
 * as long as it likes. At the deadline the connection is closed under the blocked read.
 */
final class DeadlineResourceRetriever extends DefaultResourceRetriever {

    private static final ScheduledThreadPoolExecutor WATCHDOG = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "codemie-auth-jwks-deadline");
        thread.setDaemon(true); // a watchdog must never keep the application alive
        return thread;
    });

    static {
        WATCHDOG.setRemoveOnCancelPolicy(true);
    }

    /** The deadline of the fetch running on this thread, which the connection it opens is handed to. */
    private final ThreadLocal<Deadline> current = new ThreadLocal<>();
    private final long deadlineMillis;

    /**
     * @param timeoutMillis the connect timeout, the read timeout and the deadline of the whole fetch
     * @param sizeLimit     the largest accepted document, in bytes
     */
    DeadlineResourceRetriever(int timeoutMillis, int sizeLimit) {
        super(timeoutMillis, timeoutMillis, sizeLimit);
        this.deadlineMillis = timeoutMillis;
    }

    @Override
    public Resource retrieveResource(URL url) throws IOException {
        Deadline deadline = new Deadline();
        current.set(deadline);
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(deadline, deadlineMillis, TimeUnit.MILLISECONDS);
        try {
            return super.retrieveResource(url);
        } catch (IOException e) {
            if (deadline.passed) {
                throw new InterruptedIOException("fetching " + url + " took longer than " + deadlineMillis + " ms");
            }
            throw e;
        } finally {
            watchdog.cancel(false);
            current.remove();
        }
    }

    @Override
    protected HttpURLConnection openHTTPConnection(URL url) throws IOException {
        HttpURLConnection connection = super.openHTTPConnection(url);
        Deadline deadline = current.get();
        if (deadline != null) {
            deadline.watch(connection);
        }
        return connection;
    }

    /** Closes the fetch's connection once the deadline passes. */
    private static final class Deadline implements Runnable {
        private volatile boolean passed;
        private HttpURLConnection connection;

        synchronized void watch(HttpURLConnection opened) {
            connection = opened;
            if (passed) {
                opened.disconnect();
            }
        }

        @Override
        public synchronized void run() {
            passed = true;
            if (connection != null) {
                connection.disconnect();
            }
        }
    }
}
