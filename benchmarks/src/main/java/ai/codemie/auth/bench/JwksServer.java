package ai.codemie.auth.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** An in-process JWKS endpoint on the loopback interface, for contenders that fetch their keys over HTTP. */
public final class JwksServer implements AutoCloseable {

    private final HttpServer server;

    private JwksServer(HttpServer server) {
        this.server = server;
    }

    /** Serves the JWK set at {@code /jwks} on a free loopback port. */
    public static JwksServer start(String jwksJson) {
        byte[] body = jwksJson.getBytes(StandardCharsets.UTF_8);
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/jwks", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return new JwksServer(server);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the JWKS server", e);
        }
    }

    /** Where the key set is served. */
    public URI jwksUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks");
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
