package ai.codemie.auth.token;

import ai.codemie.auth.observe.AuthObserver;
import ai.codemie.auth.observe.IssuerKeysStatus;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import java.util.List;

/** Where one issuer's signature keys come from: a fixed key set or the issuer's JWKS endpoint. */
interface KeySource extends AutoCloseable {

    /**
     * The issuer's keys that match; never empty.
     *
     * @throws TokenRejectedException {@link TokenRejection#UNKNOWN_KEY} when the issuer has no such key
     * @throws ai.codemie.auth.error.UnavailableException when the keys cannot be had
     */
    List<JWK> select(JWKMatcher matcher);

    /** Whether a key set is at hand for the issuer's tokens now. */
    IssuerKeysStatus status(String issuer);

    /** Reports fetches of a key endpoint to the observer; keys that are not fetched have nothing to report. */
    default void observeWith(AuthObserver observer) {
    }

    /** Fetches the keys ahead of the first token, if they are remote; never fails. */
    default void warmUp() {
    }

    @Override
    default void close() {
    }
}
