package ai.codemie.auth.keycloak;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Keycloak admin API calls of the import, on the JDK's {@link HttpClient}: a client-credentials token, renewed
 * shortly before it expires and once more if Keycloak refuses it, and paged listings of users and of a realm role's
 * members. Every call has the configured timeout; every failure is a {@link KeycloakAdminException} naming the call,
 * without the client secret. Used by one thread at a time.
 */
final class KeycloakAdminClient {

    private static final Logger LOG = LoggerFactory.getLogger(KeycloakAdminClient.class);

    /** The largest answer read; a realm's page of users is far smaller. */
    private static final int MAX_BODY_BYTES = 64 * 1024 * 1024;
    /** A token is renewed when less than this is left of it (or less than half of its lifetime). */
    static final Duration RENEWAL_MARGIN = Duration.ofSeconds(10);
    /** The lifetime assumed for a token whose answer has no {@code expires_in}. */
    private static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(60);
    private static final int MAX_DETAIL_LENGTH = 200;

    private final KeycloakMigrationSettings settings;
    private final InstantSource clock;
    private final int maxBodyBytes;
    private final HttpClient http;
    private final URI tokenUri;
    private final String realmAdminPath;
    private String accessToken;
    private Instant renewAt = Instant.MIN;

    KeycloakAdminClient(KeycloakMigrationSettings settings, InstantSource clock) {
        this(settings, clock, MAX_BODY_BYTES);
    }

    /** A client that refuses answers larger than {@code maxBodyBytes}. */
    KeycloakAdminClient(KeycloakMigrationSettings settings, InstantSource clock, int maxBodyBytes) {
        this.settings = settings;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.get(KeycloakMigrationSettings.HTTP_TIMEOUT_SECONDS))
                .followRedirects(HttpClient.Redirect.NEVER) // the bearer token goes to Keycloak only
                .build();
        String base = settings.adminUrl().toString();
        String realm = pathSegment(settings.get(KeycloakMigrationSettings.ADMIN_REALM));
        this.tokenUri = URI.create(base + "/realms/" + realm + "/protocol/openid-connect/token");
        this.realmAdminPath = base + "/admin/realms/" + realm;
    }

    /** Every user of the realm, read page by page, each once, in Keycloak's order. */
    List<KeycloakUser> users() {
        Map<String, KeycloakUser> users = new LinkedHashMap<>();
        pages(realmAdminPath + "/users", "&briefRepresentation=false", (call, element) -> {
            KeycloakUser user = KeycloakUser.from(element);
            if (user == null) {
                throw new KeycloakAdminException(call, 200, "an element of the answer is not a user with an id and a "
                        + "user name", null);
            }
            return users.putIfAbsent(user.id(), user) == null;
        });
        return List.copyOf(users.values());
    }

    /**
     * The ids of the users Keycloak lists as members of the realm role; empty, with a warning, when the realm has
     * no such role.
     */
    Set<String> roleMembers(String role) {
        Set<String> ids = new LinkedHashSet<>();
        try {
            pages(realmAdminPath + "/roles/" + pathSegment(role) + "/users", "", (call, element) -> {
                if (!(element instanceof Map<?, ?> user) || !(user.get("id") instanceof String id) || id.isEmpty()) {
                    throw new KeycloakAdminException(call, 200, "an element of the answer is not a user with an id",
                            null);
                }
                return ids.add(id);
            });
        } catch (KeycloakAdminException e) {
            if (e.status() != 404) {
                throw e;
            }
            LOG.warn("Realm {} has no role '{}': nobody holds it", settings.get(KeycloakMigrationSettings.ADMIN_REALM),
                    role);
            return Set.of();
        }
        return ids;
    }

    /** What to do with one element of a page; true when it was new. */
    @FunctionalInterface
    private interface PageElement {
        boolean accept(String call, Object element);
    }

    /**
     * Reads {@code first=0,max=n}, {@code first=n,max=n}, … until a page is shorter than asked. A full page with
     * nothing new means Keycloak is not paging: an error rather than a loop.
     */
    private void pages(String path, String extraQuery, PageElement sink) {
        int size = settings.get(KeycloakMigrationSettings.PAGE_SIZE);
        for (int first = 0; ; first += size) {
            URI uri = URI.create(path + "?first=" + first + "&max=" + size + extraQuery);
            String call = "GET " + uri;
            List<Object> page = parse(call, adminGet(uri), JSONArrayUtils::parse, "a JSON array");
            boolean anyNew = false;
            for (Object element : page) {
                anyNew |= sink.accept(call, element);
            }
            if (page.size() < size) {
                return;
            }
            if (!anyNew) {
                throw new KeycloakAdminException(call, 200, "a full page held nothing new: Keycloak ignores the paging",
                        null);
            }
        }
    }

    /** The body of an admin GET, with a valid token; a refused token is renewed and the call made once more. */
    private String adminGet(URI uri) {
        String call = "GET " + uri;
        HttpResponse<String> response = send(call, authorized(uri));
        if (response.statusCode() == 401) {
            renewAt = Instant.MIN;
            response = send(call, authorized(uri));
        }
        return bodyOf(call, response);
    }

    private HttpRequest authorized(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(settings.get(KeycloakMigrationSettings.HTTP_TIMEOUT_SECONDS))
                .header("Authorization", "Bearer " + token())
                .header("Accept", "application/json")
                .GET().build();
    }

    /** A token valid for a while yet: the current one, or a new one from the token endpoint. */
    private String token() {
        Instant now = clock.instant();
        if (accessToken != null && now.isBefore(renewAt)) {
            return accessToken;
        }
        String call = "POST " + tokenUri;
        String form = "grant_type=client_credentials&client_id="
                + formValue(settings.get(KeycloakMigrationSettings.ADMIN_CLIENT_ID))
                + "&client_secret=" + formValue(settings.get(KeycloakMigrationSettings.ADMIN_CLIENT_SECRET));
        HttpRequest request = HttpRequest.newBuilder(tokenUri).timeout(settings.get(KeycloakMigrationSettings.HTTP_TIMEOUT_SECONDS))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        Map<String, Object> answer = parse(call, bodyOf(call, send(call, request)), JSONObjectUtils::parse,
                "a JSON object");
        if (!(answer.get("access_token") instanceof String token) || token.isEmpty()) {
            throw new KeycloakAdminException(call, 200, "the answer holds no access_token", null);
        }
        if (answer.get("token_type") instanceof String type && !type.equalsIgnoreCase("Bearer")) {
            throw new KeycloakAdminException(call, 200, "the token is of type '" + scrub(type) + "', not Bearer", null);
        }
        Duration lifetime = answer.get("expires_in") instanceof Number seconds && seconds.longValue() > 0
                ? Duration.ofSeconds(seconds.longValue()) : DEFAULT_TOKEN_LIFETIME;
        Duration margin = RENEWAL_MARGIN.compareTo(lifetime.dividedBy(2)) < 0 ? RENEWAL_MARGIN : lifetime.dividedBy(2);
        accessToken = token;
        renewAt = now.plus(lifetime).minus(margin);
        LOG.debug("Obtained a service-account token for {} valid for {} s",
                settings.get(KeycloakMigrationSettings.ADMIN_CLIENT_ID), lifetime.toSeconds());
        return token;
    }

    /** Sends the request; the whole exchange, body included, must end within the timeout. */
    private HttpResponse<String> send(String call, HttpRequest request) {
        CompletableFuture<HttpResponse<String>> exchange = http.sendAsync(request,
                info -> new LimitedBody(maxBodyBytes));
        try {
            return exchange.get(settings.get(KeycloakMigrationSettings.HTTP_TIMEOUT_SECONDS).toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw noAnswer(call, "no answer within "
                    + settings.get(KeycloakMigrationSettings.HTTP_TIMEOUT_SECONDS).toSeconds() + " s", e);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw noAnswer(call, "interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw noAnswer(call, "no answer within "
                        + settings.get(KeycloakMigrationSettings.HTTP_TIMEOUT_SECONDS).toSeconds() + " s", cause);
            }
            if (cause instanceof ConnectException) {
                throw noAnswer(call, "Keycloak cannot be reached (" + cause.getClass().getSimpleName() + ")", cause);
            }
            if (cause instanceof LimitedBody.TooLarge) {
                throw noAnswer(call, "the answer is larger than " + maxBodyBytes + " bytes", cause);
            }
            throw noAnswer(call, "the exchange failed (" + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + scrub(cause.getMessage())) + ")", cause);
        }
    }

    private static KeycloakAdminException noAnswer(String call, String message, Throwable cause) {
        return new KeycloakAdminException(call, KeycloakAdminException.NO_RESPONSE, message, cause);
    }

    /** The body of a 2xx answer; any other status is an error with Keycloak's own error text, if it gave one. */
    private String bodyOf(String call, HttpResponse<String> response) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response.body();
        }
        throw new KeycloakAdminException(call, status, errorDetail(response.body()), null);
    }

    /** The {@code error}, {@code error_description} or {@code errorMessage} of a JSON error answer, shortened. */
    private String errorDetail(String body) {
        List<String> parts = new ArrayList<>();
        try {
            Map<String, Object> error = JSONObjectUtils.parse(body);
            for (String member : List.of("error", "error_description", "errorMessage")) {
                if (error.get(member) instanceof String text && !text.isBlank()) {
                    parts.add(text);
                }
            }
        } catch (ParseException | RuntimeException notJson) {
            // the status says enough; a proxy's error page is not worth quoting
        }
        String detail = parts.isEmpty() ? "Keycloak refused the call" : String.join(": ", parts);
        detail = scrub(detail);
        return detail.length() <= MAX_DETAIL_LENGTH ? detail : detail.substring(0, MAX_DETAIL_LENGTH) + "...";
    }

    /** The text with the client secret (as written and as form-encoded) masked, in case a server echoed it. */
    private String scrub(String text) {
        String secret = settings.get(KeycloakMigrationSettings.ADMIN_CLIENT_SECRET);
        return text.replace(secret, "***").replace(formValue(secret), "***");
    }

    private static <T> T parse(String call, String body, JsonParser<T> parser, String expected) {
        try {
            return parser.parse(body);
        } catch (ParseException | RuntimeException e) {
            throw new KeycloakAdminException(call, 200, "the answer is not " + expected, null);
        }
    }

    @FunctionalInterface
    private interface JsonParser<T> {
        T parse(String json) throws ParseException;
    }

    private static String formValue(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** The value encoded for one path segment (a space is %20 there, not +). */
    static String pathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
