package ai.codemie.auth.spring;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * HTTP/1.1 over a plain socket, for requests that no HTTP client sends as written: an encoded slash or NUL, a
 * malformed escape, headers over the server's limit.
 */
final class RawHttp {

    private RawHttp() {
    }

    /** What the server answered. */
    record Answer(int status, String headers, String body) {

        /** The value of a header (case-insensitive name), or null. */
        String header(String name) {
            for (String line : headers.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }
    }

    /** Sends the request line and extra header lines as written, and reads the answer until the server closes. */
    static Answer send(int port, String requestLine, String... headerLines) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
            StringBuilder request = new StringBuilder(requestLine)
                    .append("\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
            for (String line : headerLines) {
                request.append(line).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int end = answer.indexOf("\r\n\r\n");
            String head = end < 0 ? answer : answer.substring(0, end);
            String body = end < 0 ? "" : answer.substring(end + 4);
            String statusLine = head.split("\r\n", 2)[0];
            return new Answer(Integer.parseInt(statusLine.split(" ")[1]), head, dechunk(head, body));
        }
    }

    private static String dechunk(String head, String body) {
        if (!head.toLowerCase().contains("transfer-encoding: chunked")) {
            return body;
        }
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = body.indexOf("\r\n", at);
            int size = Integer.parseInt(body.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(body, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
