package ai.codemie.auth.keycloak;

import static ai.codemie.auth.keycloak.MigrationFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin API client against an in-process Keycloak: the token's life, paging, and how failures read. */
class KeycloakAdminClientTest {

    private FakeKeycloak keycloak;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2025-01-01T00:00:00Z"));
    private final InstantSource clock = now::get;

    @BeforeEach
    void start() throws IOException {
        keycloak = FakeKeycloak.start();
    }

    @AfterEach
    void stop() {
        keycloak.close();
    }

    @Test
    void usesOneTokenWhileItIsValid() {
        addUsers(12);

        new KeycloakAdminClient(keycloak.settings(5).build(), clock).users();

        assertThat(keycloak.tokensIssued()).isEqualTo(1);
    }

    @Test
    void renewsTheTokenWhenItIsAboutToExpireDuringALongRun() {
        addUsers(12);
        keycloak.tokenLifetimeSeconds(60);
        // each page takes 25 s of the clock: the token is renewed before its 60 s are over
        keycloak.onAdminCall(() -> now.updateAndGet(t -> t.plusSeconds(25)));

        List<KeycloakUser> users = new KeycloakAdminClient(keycloak.settings(5).build(), clock).users();

        assertThat(users).hasSize(12);
        assertThat(keycloak.tokensIssued()).isEqualTo(2);
        assertThat(keycloak.requests()).filteredOn(r -> r.startsWith("POST")).hasSize(2);
    }

    @Test
    void renewsATokenKeycloakNoLongerAcceptsAndRepeatsTheCallOnce() {
        addUsers(12);
        // Keycloak forgets the token after the first page (a restart, a revoked session, a clock ahead of ours)
        keycloak.onAdminCall(() -> {
            if (keycloak.tokensIssued() == 1) {
                keycloak.revokeTokens();
            }
        });

        List<KeycloakUser> users = new KeycloakAdminClient(keycloak.settings(5).build(), clock).users();

        assertThat(users).hasSize(12);
        assertThat(keycloak.tokensIssued()).isEqualTo(2);
    }

    @Test
    void failsNamingTheCallWhenKeycloakRefusesTheRenewedTokenToo() {
        addUsers(3);
        keycloak.answer(request -> request.startsWith("GET /admin/realms/codemie-prod/users")
                ? new FakeKeycloak.Response(401, "{\"error\":\"HTTP 401 Unauthorized\"}") : null);

        KeycloakAdminException error = catchThrowableOfType(KeycloakAdminException.class,
                () -> new KeycloakAdminClient(keycloak.settings(5).build(), clock).users());

        assertThat(error.status()).isEqualTo(401);
        assertThat(error).hasMessage("GET " + keycloak.url() + "/admin/realms/codemie-prod/users?first=0&max=5"
                + "&briefRepresentation=false answered HTTP 401: HTTP 401 Unauthorized");
        assertThat(keycloak.tokensIssued()).isEqualTo(2);
    }

    @Test
    void reportsAWrongSecretAsARefusedTokenRequestWithoutTheSecret() {
        KeycloakMigrationSettings wrong = keycloak.settings(5).set(KeycloakMigrationSettings.ADMIN_CLIENT_SECRET,
                "wrong+secret/value").build();

        KeycloakAdminException error = catchThrowableOfType(KeycloakAdminException.class,
                () -> new KeycloakAdminClient(wrong, clock).users());

        assertThat(error.status()).isEqualTo(401);
        assertThat(error.call()).isEqualTo("POST " + keycloak.url()
                + "/realms/codemie-prod/protocol/openid-connect/token");
        assertThat(error).hasMessageEndingWith("answered HTTP 401: unauthorized_client: Invalid client or Invalid "
                + "client credentials");
        assertThat(allText(error)).doesNotContain("wrong+secret/value", "wrong%2Bsecret%2Fvalue");
    }

    @Test
    void masksTheSecretWhenAServerEchoesTheRequestInItsError() {
        keycloak.answer(request -> request.startsWith("POST") ? new FakeKeycloak.Response(400,
                "{\"error\":\"invalid_request\",\"error_description\":\"could not read {request-body}\"}") : null);

        KeycloakAdminException error = catchThrowableOfType(KeycloakAdminException.class,
                () -> new KeycloakAdminClient(keycloak.settings(5).build(), clock).users());

        assertThat(error.status()).isEqualTo(400);
        assertThat(allText(error))
                .doesNotContain(FakeKeycloak.SECRET)
                .doesNotContain(URLEncoder.encode(FakeKeycloak.SECRET, StandardCharsets.UTF_8))
                .contains("client_secret=***");
    }

    @Test
    void doesNotQuoteAnErrorPageThatIsNotKeycloaksJson() {
        keycloak.answer(request -> request.startsWith("POST") ? new FakeKeycloak.Response(502,
                "<html>bad gateway " + FakeKeycloak.SECRET + "</html>") : null);

        KeycloakAdminException error = catchThrowableOfType(KeycloakAdminException.class,
                () -> new KeycloakAdminClient(keycloak.settings(5).build(), clock).users());

        assertThat(error).hasMessageEndingWith("answered HTTP 502: Keycloak refused the call");
    }

    @Test
    void reportsAKeycloakThatCannotBeReached() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        KeycloakMigrationSettings unreachable = keycloak.settings(5).set(KeycloakMigrationSettings.ADMIN_URL,
                "http://127.0.0.1:" + closedPort)
                .build();

        KeycloakAdminException error = catchThrowableOfType(KeycloakAdminException.class,
                () -> new KeycloakAdminClient(unreachable, clock).users());

        assertThat(error.status()).isEqualTo(KeycloakAdminException.NO_RESPONSE);
        assertThat(error).hasMessage("POST http://127.0.0.1:" + closedPort
                + "/realms/codemie-prod/protocol/openid-connect/token failed: Keycloak cannot be reached "
                + "(ConnectException)");
    }

    @Test
    void givesUpOnAKeycloakThatDoesNotAnswerWithinTheTimeout() throws IOException {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer silent = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        silent.setExecutor(Executors.newCachedThreadPool());
        silent.createContext("/", exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        silent.start();
        try {
            KeycloakMigrationSettings settings = keycloak.settings(5)
                    .set(KeycloakMigrationSettings.ADMIN_URL, "http://127.0.0.1:" + silent.getAddress().getPort())
                    .set(KeycloakMigrationSettings.HTTP_TIMEOUT_SECONDS, Duration.ofSeconds(1)).build();

            KeycloakAdminException error = catchThrowableOfType(KeycloakAdminException.class,
                    () -> new KeycloakAdminClient(settings, clock).users());

            assertThat(error.status()).isEqualTo(KeycloakAdminException.NO_RESPONSE);
            assertThat(error).hasMessageEndingWith("failed: no answer within 1 s");
        } finally {
            release.countDown();
            silent.stop(0);
        }
    }

    @Test
    void refusesAnAnswerLargerThanTheLimit() throws IOException {
        HttpServer huge = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        huge.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] chunk = new byte[1024];
                for (int i = 0; i <= 64; i++) {
                    out.write(chunk);
                }
            } catch (IOException clientGaveUp) {
                // expected: the client stops reading at the limit
            }
        });
        huge.start();
        try {
            KeycloakMigrationSettings settings = keycloak.settings(5)
                    .set(KeycloakMigrationSettings.ADMIN_URL, "http://127.0.0.1:" + huge.getAddress().getPort())
                    .build();

            KeycloakAdminException error = catchThrowableOfType(KeycloakAdminException.class,
                    () -> new KeycloakAdminClient(settings, clock, 64 * 1024).users());

            assertThat(error).hasMessageEndingWith("failed: the answer is larger than 65536 bytes");
        } finally {
            huge.stop(0);
        }
    }

    @Test
    void refusesAPageThatIsNotAListOfUsers() {
        keycloak.answer(request -> request.contains("/codemie-prod/users?")
                ? new FakeKeycloak.Response(200, "[{\"username\":\"no-id\"}]") : null);

        KeycloakAdminException error = catchThrowableOfType(KeycloakAdminException.class,
                () -> new KeycloakAdminClient(keycloak.settings(5).build(), clock).users());

        assertThat(error).hasMessageEndingWith("answered HTTP 200: an element of the answer is not a user with an "
                + "id and a user name");
    }

    @Test
    void encodesRealmAndRoleNamesAsPathSegments() {
        keycloak.grantRole("qa tester/ü", "11111111-1111-4111-8111-111111111111");

        var members = new KeycloakAdminClient(keycloak.settings(5).build(), clock).roleMembers("qa tester/ü");

        assertThat(members).containsExactly("11111111-1111-4111-8111-111111111111");
        assertThat(keycloak.requests()).contains(
                "GET /admin/realms/codemie-prod/roles/qa%20tester%2F%C3%BC/users?first=0&max=5");
    }

    private void addUsers(int count) {
        for (int i = 0; i < count; i++) {
            keycloak.addUser(user("user-" + i));
        }
    }

    /** The message and every cause's, as a log line with its stack trace would show them. */
    private static String allText(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            text.append(t).append('\n');
        }
        return text.toString();
    }
}
