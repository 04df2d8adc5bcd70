package ai.codemie.auth.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
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

    /** A server that reads the head and what it is given of the body, answers and closes, as a container must. */
    @Test
    void sendsABodyCutShortAndReadsTheAnswerUntilTheServerCloses() throws Exception {
        try (ServerSocket refusing = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> {
                try (Socket connection = refusing.accept()) {
                    byte[] request = new byte[4096];
                    int length = 0;
                    while (!new String(request, 0, length, StandardCharsets.ISO_8859_1).endsWith("{\"a\":")) {
                        int read = connection.getInputStream().read(request, length, request.length - length);
                        if (read < 0) {
                            throw new IOException("the request ended before its body's start");
                        }
                        length += read;
                    }
                    connection.getOutputStream().write(("HTTP/1.1 413 Payload Too Large\r\nConnection: close\r\n"
                            + "Content-Length: 9\r\n\r\ntoo large").getBytes(StandardCharsets.ISO_8859_1));
                    return new String(request, 0, length, StandardCharsets.ISO_8859_1);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            RawHttp.Response response = RawHttp.sendUnfinished(refusing.getLocalPort(), "POST", "/refuse", 100,
                    "{\"a\":", "X-Test", "yes");
            assertThat(response.status()).isEqualTo(413);
            assertThat(response.header("Connection")).hasValue("close");
            assertThat(response.body()).isEqualTo("too large");
            assertThat(received.get()).isEqualTo("POST /refuse HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Test: yes\r\n"
                    + "Content-Length: 100\r\n\r\n{\"a\":");
        }
    }

    @Test
    void refusesADeclaredLengthThatIsNotLargerThanWhatIsSent() {
        assertThatThrownBy(() -> RawHttp.sendUnfinished(server.getAddress().getPort(), "POST", "/", 3, "abc"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
