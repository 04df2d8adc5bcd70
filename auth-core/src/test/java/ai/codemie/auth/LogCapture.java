package ai.codemie.auth;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Records what is logged while it is open. The tests log through slf4j-simple, which writes each line to whatever
 * {@code System.err} is at that moment; this stands in for it, passing everything on to the real one.
 */
public final class LogCapture implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream recorded = new ByteArrayOutputStream();

    private LogCapture() {
        OutputStream both = new OutputStream() {
            @Override
            public void write(int b) {
                synchronized (recorded) {
                    recorded.write(b);
                }
                original.write(b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                synchronized (recorded) {
                    recorded.write(bytes, offset, length);
                }
                original.write(bytes, offset, length);
            }
        };
        System.setErr(new PrintStream(both, true, StandardCharsets.UTF_8));
    }

    /** Starts recording. */
    public static LogCapture start() {
        return new LogCapture();
    }

    /** The lines logged so far that contain every one of the fragments. */
    public List<String> lines(String... fragments) {
        String text;
        synchronized (recorded) {
            text = recorded.toString(StandardCharsets.UTF_8);
        }
        List<String> matching = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (Arrays.stream(fragments).allMatch(line::contains)) {
                matching.add(line);
            }
        }
        return matching;
    }

    /** Stops recording. */
    @Override
    public void close() {
        System.setErr(original);
    }
}
