package ai.codemie.auth.test;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An identity provider's key endpoint for tests and benchmarks: a JWK set (public halves only) and an OpenID
 * discovery document naming it, served on a free loopback port, with the key set's requests counted and an outage
 * at the flip of a switch. Thread-safe; close it to stop the server.
 *
 * <pre>{@code
 * try (JwksServer idp = JwksServer.start("/realms/codemie", "/realms/codemie/certs", key)) {
 *     URI jwksUri = idp.jwksUri();
 *     idp.available(false);   // the key set is answered 503 from now on
 * }
 * }</pre>
 */
public final class JwksServer implements AutoCloseable {

    /** Where the discovery document is served, below the issuer path. */
    public static final String DISCOVERY_PATH = "/.well-known/openid-configuration";

    private final HttpServer server;
    private final URI jwksUri;
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private volatile String jwks;
    private volatile boolean available = true;

    private JwksServer(String jwksPath, String issuerPath, String jwks) throws IOException {
        this.jwks = jwks;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.jwksUri = uri(jwksPath);
        server.createContext(jwksPath, exchange -> {
            jwksRequests.incrementAndGet();
            answer(exchange, this.jwks);
        });
        Map<String, Object> discovery = new LinkedHashMap<>();
        discovery.put("issuer", uri(issuerPath).toString());
        discovery.put("jwks_uri", jwksUri.toString());
        String discoveryJson = JSONObjectUtils.toJSONString(discovery);
        server.createContext(issuerPath + DISCOVERY_PATH, exchange -> answer(exchange, discoveryJson));
        server.start();
    }

    /**
     * Serves the public halves of the keys at {@code jwksPath}, and the discovery document of the issuer at
     * {@code issuerPath} (empty for the server's root) at {@code issuerPath + }{@value #DISCOVERY_PATH}.
     */
    public static JwksServer start(String issuerPath, String jwksPath, JWK... keys) {
        try {
            return new JwksServer(jwksPath, issuerPath, keySet(keys));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the test JWKS server", e);
        }
    }

    /** The server's address with the path, as {@code http://127.0.0.1:<port><path>}. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Where the key set is served. */
    public URI jwksUri() {
        return jwksUri;
    }

    /** The public halves of the keys are served from now on. */
    public void publish(JWK... keys) {
        jwks = keySet(keys);
    }

    /** Makes the key set answer 503 (false) or serve again (true). */
    public void available(boolean value) {
        available = value;
    }

    /** How many times the key set has been requested. */
    public int jwksRequests() {
        return jwksRequests.get();
    }

    /** Stops the server: connections are refused from now on. */
    @Override
    public void close() {
        server.stop(0);
    }

    private static String keySet(JWK... keys) {
        return JSONObjectUtils.toJSONString(new JWKSet(List.of(keys)).toJSONObject(true));
    }

    private void answer(HttpExchange exchange, String json) throws IOException {
        try (exchange) {
            if (!available) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
