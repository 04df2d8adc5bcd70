package ai.codemie.auth.token;

import ai.codemie.auth.observe.IssuerKeysStatus;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import java.util.List;

/** Keys known at startup (the local issuer's key files). */
final class StaticKeySource implements KeySource {

    private final JWKSet keys;

    StaticKeySource(List<JWK> keys) {
        this.keys = new JWKSet(keys);
    }

    @Override
    public List<JWK> select(JWKMatcher matcher) {
        List<JWK> selected = new JWKSelector(matcher).select(keys);
        if (selected.isEmpty()) {
            throw new TokenRejectedException(TokenRejection.UNKNOWN_KEY);
        }
        return selected;
    }

    @Override
    public IssuerKeysStatus status(String issuer) {
        return new IssuerKeysStatus(issuer, false, true, true, keys.size());
    }
}
