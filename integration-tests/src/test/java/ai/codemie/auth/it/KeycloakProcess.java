package ai.codemie.auth.it;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * A real Keycloak in dev mode, started from the distribution the build unpacked ({@code keycloak.home}), with the
 * {@code codemie-prod} realm imported; closing it stops the whole process tree.
 */
final class KeycloakProcess implements AutoCloseable {

    static final String REALM = "codemie-prod";
    /** Generous: a first start builds Keycloak and its database, several times slower on a busy machine. */
    private static final Duration STARTUP_DEADLINE = Duration.ofMinutes(10);

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private KeycloakProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts Keycloak on a free port and returns once its realm answers. */
    static KeycloakProcess start() throws IOException, InterruptedException {
        Path home = Path.of(System.getProperty("keycloak.home", "target/keycloak/keycloak-unset"));
        if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("no Keycloak distribution at " + home
                    + "; run the tests through Maven (./mvnw -B verify), which unpacks it");
        }
        Path importDir = Files.createDirectories(home.resolve("data/import"));
        try (InputStream realm = KeycloakProcess.class.getResourceAsStream("/keycloak/" + REALM + "-realm.json")) {
            Files.copy(realm, importDir.resolve(REALM + "-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        }
        int port = freePort();
        Path log = home.resolveSibling("keycloak-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", "bin/kc.sh", "start-dev", "--http-port=" + port,
                "--http-management-port=" + freePort(), "--import-realm", "--hostname=http://127.0.0.1:" + port)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        KeycloakProcess keycloak = new KeycloakProcess(builder.start(), port, log);
        try {
            keycloak.awaitRealm();
        } catch (IOException | InterruptedException | RuntimeException e) {
            keycloak.close();
            throw e;
        }
        return keycloak;
    }

    /** The realm's {@code iss}. */
    String issuer() {
        return baseUrl() + "/realms/" + REALM;
    }

    URI discoveryUrl() {
        return URI.create(issuer() + "/.well-known/openid-configuration");
    }

    /** The token response of the password grant, with {@code scope=openid} so that it holds an ID token too. */
    Map<String, Object> passwordGrant(String client, String username, String password)
            throws IOException, InterruptedException, ParseException {
        return passwordGrant(REALM, client, username, password);
    }

    /** As {@link #passwordGrant(String, String, String)}, in another realm. */
    Map<String, Object> passwordGrant(String realm, String client, String username, String password)
            throws IOException, InterruptedException, ParseException {
        String form = Map.of("grant_type", "password", "client_id", client, "username", username,
                        "password", password, "scope", "openid").entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(baseUrl() + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("password grant for " + username + " failed: HTTP "
                    + response.statusCode() + " " + response.body());
        }
        return JSONObjectUtils.parse(response.body());
    }

    /** Keycloak's base URL, as {@code KEYCLOAK_ADMIN_URL} takes it. */
    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * Calls the admin REST API ({@code /admin/realms} + path) as the bootstrap administrator of the master realm,
     * with a JSON body or none; fails on any status but 2xx. Returns the response, whose {@code Location} header
     * names what a POST created.
     */
    HttpResponse<String> admin(String method, String path, String json) throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=admin-cli&username=admin&password=admin";
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(
                        URI.create(baseUrl() + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        String accessToken;
        try {
            accessToken = (String) JSONObjectUtils.parse(token.body()).get("access_token");
        } catch (ParseException e) {
            throw new IllegalStateException("the master realm's token answer is not JSON: " + token.body(), e);
        }
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/admin/realms" + path))
                .header("Authorization", "Bearer " + accessToken).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " /admin/realms" + path + " answered " + response.statusCode()
                    + ": " + response.body());
        }
        return response;
    }

    /** Polls the realm's discovery document until it answers, the process dies or the deadline passes. */
    private void awaitRealm() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STARTUP_DEADLINE.toNanos();
        HttpRequest probe = HttpRequest.newBuilder(discoveryUrl()).timeout(Duration.ofSeconds(5)).GET().build();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // connection refused until Keycloak binds its port
            }
            // waits for the process to die, at most a poll interval: a crash is reported at once
            if (process.waitFor(250, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + ":\n" + logTail());
            }
        }
        throw new IllegalStateException("Keycloak did not serve realm " + REALM + " within " + STARTUP_DEADLINE
                + ":\n" + logTail());
    }

    /** Stops Keycloak and every process it started: politely, then by force after 30 s. */
    @Override
    public void close() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().collect(Collectors.toList()));
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                handle.destroyForcibly();
            } catch (InterruptedException e) {
                tree.forEach(ProcessHandle::destroyForcibly);
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
