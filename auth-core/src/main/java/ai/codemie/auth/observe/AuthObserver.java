package ai.codemie.auth.observe;

import ai.codemie.auth.error.Problem;
import ai.codemie.auth.policy.Decision;
import ai.codemie.auth.token.TokenRejection;

/**
 * Hears what a {@link ai.codemie.auth.CodemieAuth} decides and how its caches, key endpoints and store behave, for
 * metrics. Given once to {@link ai.codemie.auth.CodemieAuth.Builder#observer}; every method defaults to doing
 * nothing, so an implementation overrides what it counts.
 *
 * <p>Methods are called on request threads (and, for key fetches, on the key refresh thread), must be thread-safe
 * and quick, and must not throw: an observer never changes an answer. No argument carries a user id or a token;
 * issuers are the configured ones only.
 */
public interface AuthObserver {

    /** The observer that hears nothing. */
    AuthObserver NONE = new AuthObserver() {
    };

    /** A requirement was decided ({@code CodemieAuth.authorize}). */
    default void decided(Decision decision) {
    }

    /**
     * Authentication refused the caller with a 403 (the sign-in gate); {@code problem.reason()} is the deny reason's
     * code.
     */
    default void accessDenied(Problem problem) {
    }

    /** A token was refused (401). */
    default void tokenRejected(TokenRejection rejection) {
    }

    /** A lookup in one of the library's caches found a usable entry ({@code hit}) or not. */
    default void cacheLookedUp(AuthCache cache, boolean hit) {
    }

    /**
     * The key endpoint of a configured issuer was fetched, successfully or not ({@code issuer} is the configured
     * {@code iss}).
     */
    default void keysFetched(String issuer, boolean succeeded) {
    }

    /**
     * A call to the user store ended after {@code nanos} nanoseconds; {@code failure} is what it threw (a store
     * outage, or the refusal of the caller by the work done in the transaction), or null.
     */
    default void storeCalled(StoreCall call, long nanos, Throwable failure) {
    }
}
