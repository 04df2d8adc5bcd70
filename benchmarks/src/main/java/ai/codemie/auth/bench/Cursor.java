package ai.codemie.auth.bench;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Walks a pre-built request array round and round, so that every invocation sees another request and the JIT
 * cannot fold a constant input. Per thread; array lengths must be powers of two.
 */
@State(Scope.Thread)
public class Cursor {

    private int position;

    /** The index of the next request in an array of the given power-of-two length. */
    public int next(int length) {
        int index = position & (length - 1);
        position = index + 1;
        return index;
    }

    /** Checks that a request array can be walked with {@link #next(int)}. */
    public static <T> T[] requirePowerOfTwo(T[] requests) {
        if (Integer.bitCount(requests.length) != 1) {
            throw new IllegalArgumentException("request arrays must have a power-of-two length, not "
                    + requests.length);
        }
        return requests;
    }
}
