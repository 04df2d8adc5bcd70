package ai.codemie.auth.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.CodemieAuth;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.ClaimPreset;
import ai.codemie.auth.config.TrustedIssuer;
import ai.codemie.auth.error.AuthenticationException;
import ai.codemie.auth.error.AuthenticationException.BearerError;
import ai.codemie.auth.error.UnavailableException;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.policy.Requirements;
import ai.codemie.auth.test.RawHttp;
import ai.codemie.auth.token.TokenVerifier;
import ai.codemie.auth.token.VerifiedToken;
import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The filter in a real servlet container, with a hand-made verifier standing in for token checks. */
class CodemieAuthFilterTest {

    private static final TrustedIssuer ISSUER = TrustedIssuer.withJwks("https://issuer.test", null,
            URI.create("https://issuer.test/jwks"), ClaimPreset.KEYCLOAK);
    private static final AtomicInteger APPLICATION_CALLS = new AtomicInteger();

    private static Server server;
    private static URI base;
    private final HttpClient client = HttpClient.newHttpClient();

    /** Tokens are names of canned outcomes; the filter never sees the difference from a real verifier. */
    private static final TokenVerifier VERIFIER = token -> switch (token) {
        case "alice" -> verified(Map.of("sub", "alice", "roles", List.of("developer"), "applications", "proj-a"));
        case "root" -> verified(Map.of("sub", "root", "roles", List.of("admin")));
        case "no-role" -> verified(Map.of("sub", "carol"));
        case "expired" -> throw new AuthenticationException(BearerError.INVALID_TOKEN, "token_expired",
                "Token expired");
        case "unchallenged" -> throw new AuthenticationException(BearerError.NONE, "odd", "Refused");
        case "outage" -> throw new UnavailableException("store_unavailable", "User store unavailable",
                Duration.ofSeconds(7), null);
        case "bug" -> throw new IllegalStateException("a bug in a verifier");
        default -> throw new AuthenticationException(BearerError.INVALID_TOKEN, "bad_signature",
                "Invalid token signature");
    };

    @BeforeAll
    static void startServer() throws Exception {
        AuthSettings settings = AuthSettings.builder().addTrustedIssuer(ISSUER).build();
        CodemieAuth auth = CodemieAuth.builder(settings).tokenVerifier(VERIFIER).build();
        PathRules rules = PathRules.builder()
                .publicPath("GET", "/public")
                .require("GET", "/projects/{project}", "project", Requirements::projectAccess)
                .require("GET", "/broken/{x}", "x", x -> {
                    throw new IllegalStateException("rule bug");
                })
                .build();
        ServletContextHandler context = new ServletContextHandler();
        context.addFilter(new FilterHolder(new CodemieAuthFilter(auth, rules)), "/*",
                EnumSet.of(DispatcherType.REQUEST));
        context.addServlet(new ServletHolder(new EchoServlet()), "/*");
        LoopbackServer running = LoopbackServer.start(context);
        server = running.server();
        base = running.base();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.stop();
    }

    @Test
    void letsPublicPathsThroughWithoutAToken() throws Exception {
        HttpResponse<String> response = get("/public");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("anonymous");
    }

    @Test
    void refusesAProtectedPathWithoutTokenWithABareChallenge() throws Exception {
        HttpResponse<String> response = get("/projects/proj-a");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(error(response)).containsEntry("message", "Authentication required")
                .containsEntry("details", null).containsEntry("help", null);
    }

    @Test
    void exposesTheCallerToTheApplication() throws Exception {
        HttpResponse<String> response = get("/projects/proj-a", "Authorization", "bEaReR alice");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("user=alice auth=Bearer developer=true admin=false projects=[proj-a]");
    }

    @Test
    void answersTheAdminRoleForAnAdmin() throws Exception {
        assertThat(get("/anything", "Authorization", "Bearer root").body())
                .isEqualTo("user=root auth=Bearer developer=false admin=true projects=[]");
    }

    @Test
    void takesTheTokenFromTheCookieAndIgnoresBasicAuthorization() throws Exception {
        HttpResponse<String> response = get("/projects/proj-a", "Authorization", "Basic dXNlcjpwYXNz",
                "Cookie", "codemie_access_token=alice");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("user=alice ");
    }

    @Test
    void refusesHeaderAndCookieTogetherAsAmbiguous() throws Exception {
        HttpResponse<String> response = get("/projects/proj-a", "Authorization", "Bearer alice",
                "Cookie", "codemie_access_token=alice");
        assertAmbiguous(response);
    }

    @Test
    void refusesTwoAuthorizationHeadersAsAmbiguous() throws Exception {
        assertAmbiguous(get("/projects/proj-a", "Authorization", "Bearer alice", "Authorization", "Bearer alice"));
    }

    @Test
    void refusesARefusedTokenWithAnInvalidTokenChallengeAndWithoutEchoingIt() throws Exception {
        HttpResponse<String> response = get("/projects/proj-a", "Authorization", "Bearer forged-secret-token");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
        assertThat(error(response)).containsEntry("message", "Invalid token signature");
        assertThat(response.body()).doesNotContain("forged-secret-token");
        assertThat(get("/projects/proj-a", "Authorization", "Bearer expired").headers()
                .firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
    }

    @Test
    void challengesWithInvalidTokenWheneverATokenWasSent() throws Exception {
        HttpResponse<String> response = get("/projects/proj-a", "Authorization", "Bearer unchallenged");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
    }

    @Test
    void refusesACallerWithoutPermissionWith403() throws Exception {
        HttpResponse<String> response = get("/projects/proj-b", "Authorization", "Bearer alice");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
        assertThat(error(response)).containsEntry("message", "Access denied")
                .containsEntry("details", "You do not have permission to access the project 'proj-b'.");
    }

    @Test
    void refusesACallerWithoutRoleAtTheSignInGate() throws Exception {
        HttpResponse<String> response = get("/anything", "Authorization", "Bearer no-role");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(error(response)).containsEntry("message", "Access denied")
                .containsEntry("details", "No role is assigned to your account yet.")
                .containsEntry("help", "Ask an administrator to assign you a role, such as developer.");
    }

    @Test
    void answers503WithRetryAfterWhenAResolverReportsAnOutage() throws Exception {
        HttpResponse<String> response = get("/projects/proj-a", "Authorization", "Bearer outage");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(error(response)).containsEntry("message", "User store unavailable");
    }

    @Test
    void failsClosedWhenAuthenticationThrowsUnexpectedly() throws Exception {
        int callsBefore = APPLICATION_CALLS.get();
        HttpResponse<String> response = get("/projects/proj-a", "Authorization", "Bearer bug");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(response.body()).doesNotContain("a bug in a verifier").doesNotContain("Exception");
        assertThat(APPLICATION_CALLS.get()).isEqualTo(callsBefore);
    }

    @Test
    void deniesWhenAPathRuleThrows() throws Exception {
        int callsBefore = APPLICATION_CALLS.get();
        HttpResponse<String> response = get("/broken/x", "Authorization", "Bearer root");
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(error(response)).containsEntry("message", "Access denied");
        assertThat(APPLICATION_CALLS.get()).isEqualTo(callsBefore);
    }

    /**
     * Finding 2: Jetty dispatches on the normalised path (here {@code /public}, or {@code proj-a} without its path
     * parameter) while a router reading the raw URI would call another endpoint; the filter refuses before any rule.
     */
    @Test
    void refusesAPathThatReadsDifferentlyRawAndDecodedBeforeAnyRuleDecides() throws Exception {
        int callsBefore = APPLICATION_CALLS.get();
        String[][] attacks = {
                {"/projects/proj-b/../../public", null, "The path must not contain a dot segment ('.' or '..')."},
                {"/projects/./proj-b", "alice", "The path must not contain a dot segment ('.' or '..')."},
                {"/projects/proj-a;x=y", "alice", "The path must not contain a path parameter (';')."},
                {"/projects/proj-a;jsessionid=0123", "alice", "The path must not contain a path parameter (';')."},
                {"/public;x=y", null, "The path must not contain a path parameter (';')."},
                {"/projects/proj-b/", "alice", "The path differs from an endpoint's path by letter case or a "
                        + "trailing slash; send it exactly."},
                {"/Projects/proj-b", "alice", "The path differs from an endpoint's path by letter case or a "
                        + "trailing slash; send it exactly."},
                {"/PUBLIC", null, "The path differs from an endpoint's path by letter case or a trailing slash; "
                        + "send it exactly."}};
        for (String[] attack : attacks) {
            RawHttp.Response response = raw(attack[0], attack[1]);
            assertThat(response.status()).as(attack[0]).isEqualTo(400);
            assertThat(response.header("Content-Type")).as(attack[0]).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(JSONObjectUtils.getJSONObject(JSONObjectUtils.parse(response.body()), "error"))
                    .as(attack[0]).containsEntry("message", "Invalid request path").containsEntry("details", attack[2]);
        }
        assertThat(APPLICATION_CALLS.get()).isEqualTo(callsBefore);
    }

    @Test
    void acceptsOrdinaryCharactersThatArePercentEncoded() throws Exception {
        RawHttp.Response response = raw("/projects/proj%2Da", "alice");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).startsWith("user=alice ");
    }

    /**
     * A refusal sent before the request's body was read: the container can neither reuse the connection nor drop it
     * silently, so the answer says {@code Connection: close}; a client that reused it would fail its next request.
     */
    @Test
    void closesTheConnectionOpenlyWhenRefusingARequestWhoseBodyWasNotRead() throws Exception {
        RawHttp.Response response = RawHttp.sendUnfinished(base.getPort(), "POST", "/projects/proj-a", 4096,
                "{\"name\":", "Content-Type", "application/json");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Connection")).hasValue("close");
        assertThat(JSONObjectUtils.getJSONObject(JSONObjectUtils.parse(response.body()), "error"))
                .containsEntry("message", "Authentication required");
    }

    /** A GET with the request target exactly as given, which an HTTP client library would normalise. */
    private static RawHttp.Response raw(String target, String token) {
        return token == null ? RawHttp.send(base.getPort(), "GET", target, null)
                : RawHttp.send(base.getPort(), "GET", target, null, "Authorization", "Bearer " + token);
    }

    private static void assertAmbiguous(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_request\"");
        assertThat(error(response)).containsEntry("message", "Ambiguous authentication");
    }

    private HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Object> error(HttpResponse<String> response) throws Exception {
        Map<String, Object> body = JSONObjectUtils.parse(response.body());
        assertThat(body).containsOnlyKeys("error");
        return JSONObjectUtils.getJSONObject(body, "error");
    }

    private static VerifiedToken verified(Map<String, Object> claims) {
        return new VerifiedToken(ISSUER, claims, Instant.now().plusSeconds(60));
    }

    /** Tells what the application sees of the caller. */
    static final class EchoServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            APPLICATION_CALLS.incrementAndGet();
            String body = RequestPermissions.find(request).map(EffectivePermissions::projects)
                    .map(projects -> "user=" + request.getUserPrincipal().getName() + " auth=" + request.getAuthType()
                            + " developer=" + request.isUserInRole("developer") + " admin="
                            + request.isUserInRole("admin") + " projects=" + projects)
                    .orElse("anonymous");
            response.getWriter().print(body);
        }
    }
}
