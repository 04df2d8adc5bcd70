package ai.codemie.auth.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RawHttpTest {

    private HttpServer server;

    /** Echoes the raw request target, the method and the body; chunked when the target asks for it. */
    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String echo = exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8) + " "
                    + exchange.getRequestHeaders().getFirst("X-Test");
            byte[] body = echo.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            boolean chunked = exchange.getRequestURI().getRawPath().contains("chunked");
            exchange.sendResponseHeaders(201, chunked ? 0 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void sendsTheRequestTargetExactlyAsWritten() {
        RawHttp.Response response = RawHttp.send(server.getAddress().getPort(), "PUT", "/a/../b;x=y/%2F", "{\"é\":1}",
                "X-Test", "yes");
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("content-type")).hasValue("text/plain");
        assertThat(response.body()).isEqualTo("PUT /a/../b;x=y/%2F {\"é\":1} yes");
    }

    @Test
    void readsAChunkedAnswer() {
        RawHttp.Response response = RawHttp.send(server.getAddress().getPort(), "GET", "/chunked", null);
        assertThat(response.header("Transfer-Encoding")).hasValue("chunked");
        assertThat(response.body()).isEqualTo("GET /chunked  null");
    }
}
