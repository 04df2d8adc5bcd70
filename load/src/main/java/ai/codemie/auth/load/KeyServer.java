package ai.codemie.auth.load;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The identity provider of a run: an RSA key whose public half is served as a JWKS on a loopback port, an HMAC
 * secret for a second issuer (cheap to sign, for streams of hundreds of thousands of distinct tokens), and what the
 * key endpoint does now ({@link Mode}), with the instant of every fetch.
 */
final class KeyServer implements AutoCloseable {

    /** What the key endpoint answers. */
    enum Mode {
        /** the key set */
        UP,
        /** 503 at once */
        DOWN,
        /** nothing for {@link #HANG_TIME}, then the key set: slower than any sensible fetch timeout */
        HANG
    }

    static final Duration HANG_TIME = Duration.ofSeconds(10);
    static final String HMAC_ISSUER = "load-hmac";
    private static final String JWKS_PATH = "/realms/load/protocol/openid-connect/certs";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "key-server");
        thread.setDaemon(true);
        return thread;
    });
    private final RSAKey key;
    private final RSAKey strangerKey;
    private final byte[] hmacSecret;
    private final RSASSASigner signer;
    private final RSASSASigner strangerSigner;
    private final MACSigner macSigner;
    private final String issuer;
    private final byte[] jwks;
    private final ConcurrentLinkedQueue<Long> fetches = new ConcurrentLinkedQueue<>();
    private volatile Mode mode = Mode.UP;

    KeyServer() throws IOException, JOSEException {
        key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID("load-key").generate();
        // a key the endpoint never publishes: tokens under its kid make the service refetch
        strangerKey = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID("rotated-key").generate();
        hmacSecret = "load-harness-hmac-secret-of-more-than-32-bytes".getBytes(StandardCharsets.US_ASCII);
        signer = new RSASSASigner(key);
        strangerSigner = new RSASSASigner(strangerKey);
        macSigner = new MACSigner(hmacSecret);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/load";
        jwks = JSONObjectUtils.toJSONString(new JWKSet(key.toPublicJWK()).toJSONObject(true))
                .getBytes(StandardCharsets.UTF_8);
        server.createContext(JWKS_PATH, this::serve);
        server.setExecutor(executor);
        server.start();
    }

    /** {@code JWKS_TRUSTED_ISSUERS} for a service that trusts both issuers (Keycloak preset, no audience). */
    String trustedIssuersJson() {
        return JSONArrayUtils.toJSONString(List.of(
                Map.of("issuer", issuer, "jwks_uri", "http://127.0.0.1:" + server.getAddress().getPort() + JWKS_PATH,
                        "algorithms", List.of("RS256"), "preset", "keycloak"),
                Map.of("issuer", HMAC_ISSUER, "shared_secret", new String(hmacSecret, StandardCharsets.US_ASCII),
                        "algorithms", List.of("HS256"), "preset", "keycloak")));
    }

    void mode(Mode mode) {
        this.mode = mode;
    }

    /** How many fetches arrived between the two instants (epoch milliseconds, start inclusive). */
    long fetchesBetween(long fromMillis, long toMillis) {
        return fetches.stream().filter(at -> at >= fromMillis && at < toMillis).count();
    }

    /** A token of the RSA issuer. */
    String rsa(JWTClaimsSet.Builder claims) {
        return sign(signer, JWSAlgorithm.RS256, key.getKeyID(), claims.issuer(issuer));
    }

    /** A token of the RSA issuer under a key id the endpoint does not publish. */
    String rsaUnknownKey(JWTClaimsSet.Builder claims) {
        return sign(strangerSigner, JWSAlgorithm.RS256, strangerKey.getKeyID(), claims.issuer(issuer));
    }

    /** A token of the HMAC issuer. */
    String hmac(JWTClaimsSet.Builder claims) {
        return sign(macSigner, JWSAlgorithm.HS256, null, claims.issuer(HMAC_ISSUER));
    }

    /** The claims of a Keycloak access token for the subject, valid for two hours. */
    static JWTClaimsSet.Builder claims(String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().subject(subject).issueTime(java.util.Date.from(now.minusSeconds(5)))
                .expirationTime(java.util.Date.from(now.plus(Duration.ofHours(2))))
                .claim("typ", "Bearer").claim("email", subject + "@example.com")
                .claim("preferred_username", subject).claim("realm_access", Map.of("roles", List.of("developer")));
    }

    private static String sign(com.nimbusds.jose.JWSSigner signer, JWSAlgorithm algorithm, String keyId,
            JWTClaimsSet.Builder claims) {
        JWSHeader header = new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).keyID(keyId).build();
        SignedJWT jwt = new SignedJWT(header, claims.build());
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private void serve(HttpExchange exchange) throws IOException {
        fetches.add(System.currentTimeMillis());
        try (exchange) {
            Mode now = mode;
            if (now == Mode.DOWN) {
                exchange.sendResponseHeaders(503, -1);
                return;
            }
            if (now == Mode.HANG) {
                try {
                    Thread.sleep(HANG_TIME.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
