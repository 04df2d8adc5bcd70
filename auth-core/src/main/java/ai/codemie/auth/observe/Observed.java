package ai.codemie.auth.observe;

/**
 * A part of the library that reports to an {@link AuthObserver}: {@link ai.codemie.auth.CodemieAuth} hands its
 * observer to the verifier and resolver it uses when they implement this, whether it built them or was given them.
 */
public interface Observed {

    /**
     * Reports to the observer from now on.
     *
     * @throws IllegalStateException when already reporting to another observer: a part shared by two
     *                               {@code CodemieAuth} instances with different observers would count for one only
     */
    void observeWith(AuthObserver observer);
}
