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

    /** The next request of an array whose length is a power of two. */
    public <T> T next(T[] requests) {
        return requests[nextIndex(requests.length)];
    }

    /** The index of the next element of an array of this length, a power of two. */
    public int nextIndex(int length) {
        int index = position & (length - 1);
        position = index + 1;
        return index;
    }

    /** Checks that a request array can be walked with {@link #next(Object[])}. */
    public static <T> T[] requirePowerOfTwo(T[] requests) {
        if (Integer.bitCount(requests.length) != 1) {
            throw new IllegalArgumentException("request arrays must have a power-of-two length, not "
                    + requests.length);
        }
        return requests;
    }
}
