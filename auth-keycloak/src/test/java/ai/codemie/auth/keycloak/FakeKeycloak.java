package ai.codemie.auth.keycloak;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The parts of Keycloak's HTTP interface the import uses, on a loopback port: the client-credentials grant, the
 * paged user listing and the paged realm-role member listing, each checking the bearer token as Keycloak does. Tests
 * add users and role members, and can make any request answer another status ({@link #answer}). Published in
 * auth-keycloak's test jar.
 */
public final class FakeKeycloak implements AutoCloseable {

    public static final String REALM = "codemie-prod";
    public static final String CLIENT_ID = "codemie-migration";
    /** With characters that form encoding changes, so a leak in either form would show. */
    public static final String SECRET = "s3cret+Value/with=odd&chars";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Map<String, Object>> users = new CopyOnWriteArrayList<>();
    private final Map<String, List<String>> roleMembers = new ConcurrentHashMap<>();
    private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile long tokenLifetimeSeconds = 300;
    private volatile boolean ignorePaging;
    private volatile Function<String, Response> override = request -> null;
    private volatile Runnable onAdminCall = () -> { };

    /** A status and body answered instead of the normal one. */
    public record Response(int status, String body) {
    }

    private FakeKeycloak() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public static FakeKeycloak start() throws IOException {
        FakeKeycloak keycloak = new FakeKeycloak();
        keycloak.roleMembers.put("admin", new CopyOnWriteArrayList<>());
        keycloak.roleMembers.put("developer", new CopyOnWriteArrayList<>());
        return keycloak;
    }

    /** The base URL, as {@code KEYCLOAK_ADMIN_URL}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Settings pointing at this server with the right secret and the page size. */
    public KeycloakMigrationSettings.Builder settings(int pageSize) {
        return KeycloakMigrationSettings.builder().set(KeycloakMigrationSettings.ADMIN_URL, url())
                .set(KeycloakMigrationSettings.ADMIN_REALM, REALM).set(KeycloakMigrationSettings.ADMIN_CLIENT_ID,
                CLIENT_ID)
                .set(KeycloakMigrationSettings.ADMIN_CLIENT_SECRET, SECRET).set(KeycloakMigrationSettings.PAGE_SIZE,
                pageSize);
    }

    /** Adds a user representation as Keycloak lists it; returns its id. */
    public String addUser(Map<String, Object> representation) {
        users.add(representation);
        return (String) representation.get("id");
    }

    /** Makes the user a direct member of the realm role (the role is created when new). */
    public void grantRole(String role, String userId) {
        roleMembers.computeIfAbsent(role, r -> new CopyOnWriteArrayList<>()).add(userId);
    }

    public void removeRole(String role) {
        roleMembers.remove(role);
    }

    /** Answers the first page of users whatever page is asked, as a server that does not page would. */
    public void ignorePaging() {
        ignorePaging = true;
    }

    public void tokenLifetimeSeconds(long seconds) {
        tokenLifetimeSeconds = seconds;
    }

    /** Revokes every token issued so far, as an expiry on Keycloak's side would. */
    public void revokeTokens() {
        validTokens.clear();
    }

    /** Answers requests ("METHOD path?query") for which the function returns a response, instead of normally. */
    public void answer(Function<String, Response> value) {
        override = value;
    }

    /** Runs before each admin API call is answered, for tests that move a clock as calls happen. */
    public void onAdminCall(Runnable value) {
        onAdminCall = value;
    }

    public int tokensIssued() {
        return tokensIssued.get();
    }

    /** Every request so far, as "METHOD path?query". */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String query = exchange.getRequestURI().getRawQuery();
            String request = exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath()
                    + (query == null ? "" : "?" + query);
            requests.add(request);
            byte[] requestBody = exchange.getRequestBody().readAllBytes();
            Response overridden = override.apply(request);
            if (overridden != null) {
                send(exchange, overridden.status(), overridden.body().replace("{request-body}",
                        new String(requestBody, StandardCharsets.UTF_8)));
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            String tokenPath = "/realms/" + REALM + "/protocol/openid-connect/token";
            String adminPath = "/admin/realms/" + REALM;
            if (path.equals(tokenPath) && exchange.getRequestMethod().equals("POST")) {
                token(exchange, form(new String(requestBody, StandardCharsets.UTF_8)));
            } else if (path.startsWith(adminPath + "/") && exchange.getRequestMethod().equals("GET")) {
                String auth = exchange.getRequestHeaders().getFirst("Authorization");
                if (auth == null || !auth.startsWith("Bearer ") || !validTokens.contains(auth.substring(7))) {
                    send(exchange, 401, "{\"error\":\"HTTP 401 Unauthorized\"}");
                    return;
                }
                onAdminCall.run();
                admin(exchange, path.substring(adminPath.length()), form(query == null ? "" : query));
            } else {
                send(exchange, 404, "{\"error\":\"Unable to find matching target resource method\"}");
            }
        }
    }

    private void token(HttpExchange exchange, Map<String, String> form) throws IOException {
        if (!"client_credentials".equals(form.get("grant_type")) || !CLIENT_ID.equals(form.get("client_id"))
                || !SECRET.equals(form.get("client_secret"))) {
            send(exchange, 401, "{\"error\":\"unauthorized_client\",\"error_description\":\"Invalid client or "
                    + "Invalid client credentials\"}");
            return;
        }
        String token = "token-" + tokensIssued.incrementAndGet();
        validTokens.add(token);
        send(exchange, 200, "{\"access_token\":\"" + token + "\",\"expires_in\":" + tokenLifetimeSeconds
                + ",\"token_type\":\"Bearer\"}");
    }

    private void admin(HttpExchange exchange, String path, Map<String, String> query) throws IOException {
        int first = ignorePaging ? 0 : Integer.parseInt(query.getOrDefault("first", "0"));
        int max = Integer.parseInt(query.getOrDefault("max", "100"));
        if (path.equals("/users")) {
            send(exchange, 200, JSONArrayUtils.toJSONString(slice(users, first, max)));
            return;
        }
        if (path.startsWith("/roles/") && path.endsWith("/users")) {
            String role = URLDecoder.decode(path.substring("/roles/".length(), path.length() - "/users".length()),
                    StandardCharsets.UTF_8);
            List<String> members = roleMembers.get(role);
            if (members == null) {
                send(exchange, 404, "{\"error\":\"Could not find role\"}");
                return;
            }
            List<Map<String, Object>> brief = new ArrayList<>();
            for (String id : slice(members, first, max)) {
                brief.add(Map.of("id", id, "username", "user-" + id));
            }
            send(exchange, 200, JSONArrayUtils.toJSONString(brief));
            return;
        }
        send(exchange, 404, "{\"error\":\"Unable to find matching target resource method\"}");
    }

    private static <T> List<T> slice(List<T> all, int first, int max) {
        List<T> copy = List.copyOf(all);
        return first >= copy.size() ? List.of() : copy.subList(first, Math.min(copy.size(), first + max));
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                values.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
