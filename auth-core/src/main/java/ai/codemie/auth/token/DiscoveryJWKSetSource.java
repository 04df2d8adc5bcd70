package ai.codemie.auth.token;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetParseException;
import com.nimbusds.jose.jwk.source.JWKSetRetrievalException;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.Resource;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.util.Map;

/**
 * The key set named by an OpenID discovery document's {@code jwks_uri}. The document is read at the first fetch
 * (not at construction, so a service starts while its IdP is down) and then remembered.
 */
final class DiscoveryJWKSetSource<C extends SecurityContext> implements JWKSetSource<C> {

    private final URL discoveryUrl;
    private final ResourceRetriever retriever;
    private volatile JWKSetSource<C> keys;

    DiscoveryJWKSetSource(URL discoveryUrl, ResourceRetriever retriever) {
        this.discoveryUrl = discoveryUrl;
        this.retriever = retriever;
    }

    @Override
    public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, C context)
            throws KeySourceException {
        JWKSetSource<C> source = keys;
        if (source == null) {
            source = new URLBasedJWKSetSource<>(discoverJwksUrl(), retriever);
            keys = source;
        }
        return source.getJWKSet(refreshEvaluator, currentTime, context);
    }

    private URL discoverJwksUrl() throws KeySourceException {
        Resource document;
        try {
            document = retriever.retrieveResource(discoveryUrl);
        } catch (IOException e) {
            throw new JWKSetRetrievalException("Couldn't retrieve the discovery document " + discoveryUrl + ": "
                    + e.getMessage(), e);
        }
        try {
            Map<String, Object> json = JSONObjectUtils.parse(document.getContent());
            URI jwksUri = JSONObjectUtils.getURI(json, "jwks_uri");
            String scheme = jwksUri == null ? null : jwksUri.getScheme();
            if (scheme == null || !jwksUri.isAbsolute()
                    || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
                throw new ParseException("no absolute http(s) \"jwks_uri\"", 0);
            }
            return jwksUri.toURL();
        } catch (ParseException | IOException | IllegalArgumentException e) {
            throw new JWKSetParseException("Invalid discovery document " + discoveryUrl + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        // holds no resources
    }
}
