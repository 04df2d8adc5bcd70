package ai.codemie.auth.observe;

import java.util.Objects;

/**
 * Where an {@link Observed} part keeps its observer: {@link AuthObserver#NONE} until one is set, then that one for
 * good. Thread-safe.
 */
public final class ObserverSlot {

    private volatile AuthObserver observer = AuthObserver.NONE;

    /** The observer to report to; {@link AuthObserver#NONE} when none was set. */
    public AuthObserver get() {
        return observer;
    }

    /**
     * Sets the observer; setting the same one again does nothing.
     *
     * @throws IllegalStateException when another observer was set before
     */
    public synchronized void set(AuthObserver value) {
        Objects.requireNonNull(value, "observer");
        if (observer != AuthObserver.NONE && observer != value) {
            throw new IllegalStateException("this part already reports to another AuthObserver; give each "
                    + "CodemieAuth with its own observer its own verifier and resolver");
        }
        observer = value;
    }
}
