package ai.codemie.auth.token;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server on the loopback interface that plays an identity provider's key endpoint and counts requests. */
public final class JwksServer implements AutoCloseable {

    /** How the key endpoint answers. */
    public enum Mode { SERVE, GARBAGE, ERROR, SLOW, DRIBBLE, HUGE }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch releaseSlowAnswers = new CountDownLatch(1);
    private final ConcurrentHashMap<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private volatile String jwks;
    private volatile Mode mode = Mode.SERVE;

    public JwksServer(JWK... keys) throws IOException {
        publish(keys);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The keys served from now on (public halves only). */
    public void publish(JWK... keys) {
        jwks = new JWKSet(List.of(keys)).toString(true);
    }

    public void mode(Mode value) {
        mode = value;
    }

    public URI jwksUri() {
        return uri("/jwks");
    }

    public URI discoveryUrl() {
        return uri("/.well-known/openid-configuration");
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** How many times the key set was requested. */
    public int fetches() {
        return count("/jwks");
    }

    public int count(String path) {
        AtomicInteger counter = hits.get(path);
        return counter == null ? 0 : counter.get();
    }

    /** Every path requested, in order. */
    public List<String> paths() {
        return List.copyOf(paths);
    }

    /** Takes the endpoint down: connections are refused from now on. */
    public void stop() {
        server.stop(0);
    }

    @Override
    public void close() {
        releaseSlowAnswers.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        paths.add(path);
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        try (exchange) {
            switch (path) {
                case "/jwks" -> answerKeys(exchange);
                case "/.well-known/openid-configuration" ->
                        answer(exchange, 200, "{\"issuer\":\"ignored\",\"jwks_uri\":\"" + jwksUri() + "\"}");
                default -> answer(exchange, 404, "{}");
            }
        }
    }

    private void answerKeys(HttpExchange exchange) throws IOException {
        switch (mode) {
            case SERVE -> answer(exchange, 200, jwks);
            case GARBAGE -> answer(exchange, 200, "<html><body>Service Temporarily Unavailable</body></html>");
            case ERROR -> answer(exchange, 500, "{\"error\":\"internal\"}");
            case HUGE -> answer(exchange, 200, "{\"keys\":[" + " ".repeat(RemoteKeySource.MAX_DOCUMENT_BYTES) + "]}");
            case SLOW -> {
                try {
                    // held until the test ends: longer than any client timeout used here
                    releaseSlowAnswers.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                answer(exchange, 200, jwks);
            }
            case DRIBBLE -> dribble(exchange, jwks.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Sends the key set a byte at a time, each well within a read timeout, the whole far beyond it. */
    private void dribble(HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            for (byte b : body) {
                if (releaseSlowAnswers.await(100, TimeUnit.MILLISECONDS)) {
                    return;
                }
                out.write(b);
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
