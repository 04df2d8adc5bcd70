package ai.codemie.auth.token;

import java.util.ArrayDeque;
import java.util.Deque;

/** Closes what a test opened (servers, verifiers), last opened first; use as a JUnit {@code @AutoClose} field. */
final class Closer implements AutoCloseable {

    private final Deque<AutoCloseable> open = new ArrayDeque<>();

    <T extends AutoCloseable> T track(T closeable) {
        open.push(closeable);
        return closeable;
    }

    @Override
    public void close() throws Exception {
        while (!open.isEmpty()) {
            open.pop().close();
        }
    }
}
