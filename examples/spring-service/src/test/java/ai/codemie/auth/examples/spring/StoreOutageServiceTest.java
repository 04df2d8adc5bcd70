package ai.codemie.auth.examples.spring;

import ai.codemie.auth.spring.test.CodemieTestIssuer;
import ai.codemie.auth.test.TestTokens;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A store outage end to end, on the real PostgreSQL: while the service's database refuses connections, requests
 * that need the store get 503 with {@code Retry-After} and the envelope, never 200 or 401; when it is back, the
 * service answers again without a restart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@CodemieTestIssuer
class StoreOutageServiceTest extends ServiceTest {

    /** Named per run, so that two builds sharing the PostgreSQL server never take each other's database away. */
    static final String DATABASE = "codemie_spring_service_outage_"
            + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) throws SQLException {
        admin("CREATE DATABASE " + DATABASE);
        registry.add("ENABLE_USER_MANAGEMENT", () -> "true");
        registry.add("CODEMIE_AUTH_JDBC_URL", () -> SERVER + DATABASE);
        registry.add("SPRING_DATASOURCE_USERNAME", () -> "postgres");
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        admin("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
    }

    private static void admin(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", "postgres", null);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Autowired
    TestTokens tokens;

    private String developer() {
        return tokens.forUser(UUID.randomUUID().toString()).roles("developer").sign();
    }

    @Test
    void answers503WhileTheStoreIsDownAndRecoversAfterwards() throws SQLException {
        String adminToken = tokens.forUser(UUID.randomUUID().toString()).roles("admin").sign();
        call("GET", "/v1/user", adminToken, null).expectStatus().isOk();
        admin("ALTER DATABASE " + DATABASE + " ALLOW_CONNECTIONS false");
        try {
            admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + DATABASE + "'");
            // a first login needs the store
            call("GET", "/v1/user", developer(), null).expectStatus().isEqualTo(503)
                    .expectHeader().exists("Retry-After")
                    .expectBody().json("""
                            {"error": {"message": "User store unavailable", "details": null, "help": null}}""");
            // and so does the administration API, even for a caller whose permissions are cached
            call("GET", "/v1/admin/users", adminToken, null).expectStatus().isEqualTo(503)
                    .expectBody().jsonPath("$.error.message").isEqualTo("User store unavailable");
        } finally {
            admin("ALTER DATABASE " + DATABASE + " ALLOW_CONNECTIONS true");
        }
        call("GET", "/v1/user", developer(), null).expectStatus().isOk();
        call("GET", "/v1/admin/users", adminToken, null).expectStatus().isOk();
    }
}
