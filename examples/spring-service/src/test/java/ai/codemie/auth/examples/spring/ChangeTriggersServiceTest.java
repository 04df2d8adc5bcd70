package ai.codemie.auth.examples.spring;

import static org.assertj.core.api.Assertions.fail;

import ai.codemie.auth.spring.test.CodemieTestIssuer;
import ai.codemie.auth.test.TestTokens;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Finding 4 end to end, on the real PostgreSQL: with {@code CODEMIE_AUTH_JDBC_INSTALL_TRIGGERS=true} the service
 * installs the change triggers, so a deactivation written by plain SQL, as the platform's own backend writes it, is
 * a 401 on the user's next requests instead of after the permission cache's time to live.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@CodemieTestIssuer
@DirtiesContext
class ChangeTriggersServiceTest extends ServiceTest {

    static String database;
    /** How long the poll waits before the test fails; generous, as the machine is shared. */
    static final Duration DEADLINE = Duration.ofSeconds(20);

    @Autowired
    TestTokens tokens;

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) throws SQLException {
        database = ServicePostgres.create("codemie_spring_triggers_");
        ServicePostgres.configure(registry, database);
        registry.add("CODEMIE_AUTH_JDBC_INSTALL_TRIGGERS", () -> "true");
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        ServicePostgres.drop(database);
    }

    @Test
    void aDeactivationWrittenBySqlIsA401OnTheNextRequests() throws SQLException {
        String userId = UUID.randomUUID().toString();
        String token = tokens.forUser(userId).roles("developer").sign();
        call("GET", "/v1/user", token, null).expectStatus().isOk();
        call("GET", "/v1/user", token, null).expectStatus().isOk(); // now from the permission cache

        ServicePostgres.execute(database, "UPDATE codemie.users SET is_active = false WHERE id = '" + userId + "'");

        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (call("GET", "/v1/user", token, null).returnResult(String.class).getStatus().value() != 401) {
            if (System.nanoTime() - deadline > 0) {
                fail("the deactivation was not seen within %s", DEADLINE);
            }
            LockSupport.parkNanos(1_000_000);
        }
        call("GET", "/v1/user", token, null).expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.error.message").isEqualTo("Account is deactivated");
    }
}
