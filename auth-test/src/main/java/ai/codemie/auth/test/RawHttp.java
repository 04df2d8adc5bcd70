package ai.codemie.auth.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP/1.1 request to a local port, sent with its request target exactly as written: for attack tests of
 * paths an HTTP client library would normalise or refuse to send ({@code /a/../b}, {@code /a;x=y},
 * {@code /a%2Fb}, {@code /a//b}).
 *
 * <pre>{@code
 * RawHttp.Response response = RawHttp.send(port, "GET", "/v1/projects/proj-b/../../v1/health", null,
 *         "Authorization", "Bearer " + token);
 * assertThat(response.status()).isEqualTo(400);
 * }</pre>
 */
public final class RawHttp {

    /** How long a read may wait for the server, so that a server that never answers fails the test, not hangs it. */
    private static final int ANSWER_TIMEOUT_MILLIS = 30_000;

    private RawHttp() {
    }

    /**
     * Sends the request on a new connection to {@code 127.0.0.1} and reads the whole answer.
     *
     * @param body    the body (UTF-8), or null for none
     * @param headers header names and values, alternating
     */
    public static Response send(int port, String method, String target, String body, String... headers) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = head(method, target, headers).append("Connection: close\r\n");
        if (body != null) {
            head.append("Content-Length: ").append(content.length).append("\r\n");
        }
        return exchange(port, head, content);
    }

    /**
     * Sends a request whose body is cut short and reads the answer until the server closes the connection: the
     * head declares {@code declaredLength} bytes of body and asks nothing about the connection, and only
     * {@code bodyStart} follows. For tests of answers given before the body was read, which must end the connection
     * openly ({@code Connection: close}) since the rest of the body never comes.
     *
     * <pre>{@code
     * RawHttp.Response response = RawHttp.sendUnfinished(port, "POST", "/v1/projects", 4096, "{\"name\":\"p\"}");
     * assertThat(response.header("Connection")).hasValue("close");
     * }</pre>
     *
     * @param declaredLength the {@code Content-Length} sent, larger than {@code bodyStart} in UTF-8
     * @param bodyStart      the part of the body that is sent (UTF-8)
     * @param headers        header names and values, alternating
     * @throws UncheckedIOException when the server keeps the connection open for 30 seconds after the request
     */
    public static Response sendUnfinished(int port, String method, String target, int declaredLength,
            String bodyStart, String... headers) {
        byte[] content = bodyStart.getBytes(StandardCharsets.UTF_8);
        if (declaredLength <= content.length) {
            throw new IllegalArgumentException("the declared length must exceed the bytes sent");
        }
        return exchange(port, head(method, target, headers).append("Content-Length: ").append(declaredLength)
                .append("\r\n"), content);
    }

    private static StringBuilder head(String method, String target, String... headers) {
        StringBuilder head = new StringBuilder().append(method).append(' ').append(target)
                .append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        return head;
    }

    private static Response exchange(int port, StringBuilder head, byte[] content) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(ANSWER_TIMEOUT_MILLIS);
            socket.getOutputStream().write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(content);
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response read(InputStream in) throws IOException {
        String status = line(in);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.put(header.substring(0, colon).strip().toLowerCase(Locale.ROOT), header.substring(colon + 1).strip());
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(in).split(";")[0].strip(), 16); size > 0;
                    size = Integer.parseInt(line(in).split(";")[0].strip(), 16)) {
                chunks.write(in.readNBytes(size));
                line(in);
            }
            body = chunks.toByteArray();
        } else {
            body = in.readAllBytes();
        }
        return new Response(Integer.parseInt(status.split(" ")[1]), Map.copyOf(headers),
                new String(body, StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed in the middle of the answer's head");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * The answer.
     *
     * @param status  the status code
     * @param headers the headers, by lower-case name (the last of repeated ones)
     * @param body    the body, decoded from UTF-8 (and from chunked transfer coding)
     */
    public record Response(int status, Map<String, String> headers, String body) {

        /** The value of a header, by name in any case. */
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
        }
    }
}
