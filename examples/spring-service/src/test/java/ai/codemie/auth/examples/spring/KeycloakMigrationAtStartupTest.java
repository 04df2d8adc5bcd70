package ai.codemie.auth.examples.spring;

import static ai.codemie.auth.keycloak.MigrationFixture.attribute;
import static ai.codemie.auth.keycloak.MigrationFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.codemie.auth.audit.AuditEvent;
import ai.codemie.auth.audit.AuditSink;
import ai.codemie.auth.error.InvalidConfigurationException;
import ai.codemie.auth.keycloak.FakeKeycloak;
import ai.codemie.auth.spring.test.CodemieTestIssuer;
import ai.codemie.auth.store.ProjectMembership;
import ai.codemie.auth.store.StoredUser;
import ai.codemie.auth.store.UserStore;
import ai.codemie.auth.test.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code KEYCLOAK_MIGRATION_ENABLED=true}: the service starts and answers while the import runs in the background,
 * and the imported users are then in its store. A bad migration setting stops startup naming it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@CodemieTestIssuer
class KeycloakMigrationAtStartupTest extends ServiceTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final FakeKeycloak KEYCLOAK = startKeycloak();
    /** Holds the import inside its first admin API call until the test has seen the service answer. */
    private static final CountDownLatch RELEASE = new CountDownLatch(1);
    private static final CountDownLatch IMPORT_STARTED = new CountDownLatch(1);
    private static final String ALICE = developer(attribute(user("alice"), "applications", "proj-a"));
    private static final List<AuditEvent> AUDITED = new CopyOnWriteArrayList<>();
    private static final CountDownLatch IMPORT_AUDITED = new CountDownLatch(1);

    /** The application's audit sink, which the import reports to as the administration API does. */
    @TestConfiguration
    static class RecordingAudit {
        @Bean
        AuditSink recordingAuditSink() {
            return event -> {
                AUDITED.add(event);
                if (event.action().equals("user.import")) {
                    IMPORT_AUDITED.countDown();
                }
            };
        }
    }

    @Autowired
    UserStore store;

    @Autowired
    TestTokens tokens;

    private static FakeKeycloak startKeycloak() {
        try {
            FakeKeycloak keycloak = FakeKeycloak.start();
            keycloak.onAdminCall(() -> {
                IMPORT_STARTED.countDown();
                try {
                    RELEASE.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            return keycloak;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String developer(java.util.Map<String, Object> user) {
        String id = KEYCLOAK.addUser(user);
        KEYCLOAK.grantRole("developer", id);
        return id;
    }

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) {
        registry.add("ENABLE_USER_MANAGEMENT", () -> "true");
        registry.add("CODEMIE_AUTH_JDBC_URL", () -> "jdbc:h2:mem:migration_at_startup;DB_CLOSE_DELAY=-1");
        registry.add("KEYCLOAK_MIGRATION_ENABLED", () -> "true");
        registry.add("KEYCLOAK_ADMIN_URL", KEYCLOAK::url);
        registry.add("KEYCLOAK_ADMIN_REALM", () -> FakeKeycloak.REALM);
        registry.add("KEYCLOAK_ADMIN_CLIENT_ID", () -> FakeKeycloak.CLIENT_ID);
        registry.add("KEYCLOAK_ADMIN_CLIENT_SECRET", () -> FakeKeycloak.SECRET);
    }

    @AfterAll
    static void stopKeycloak() {
        RELEASE.countDown();
        KEYCLOAK.close();
    }

    @Test
    void answersWhileTheImportRunsAndHoldsTheUsersAfterwards() throws InterruptedException {
        assertThat(IMPORT_STARTED.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        // the import is held inside its first Keycloak call, and the service answers
        call("GET", "/v1/health", null, null).expectStatus().isOk();
        Optional<StoredUser> notYet = store.inTransaction(tx -> tx.users().find(ALICE));
        assertThat(notYet).isEmpty();
        RELEASE.countDown();

        assertThat(awaitMemberships(ALICE)).containsExactly(new ProjectMembership(ALICE, "alice@example.com", false),
                new ProjectMembership(ALICE, "proj-a", false));
        assertThat(IMPORT_AUDITED.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(AUDITED).extracting(AuditEvent::actor, AuditEvent::action, AuditEvent::target)
                .containsExactly(tuple(FakeKeycloak.CLIENT_ID, "user.import", ALICE));
    }

    @Test
    void stopsStartupNamingAMissingSetting() {
        Throwable failure = startFailure("KEYCLOAK_ADMIN_URL=" + KEYCLOAK.url(), "ENABLE_USER_MANAGEMENT=true",
                "KEYCLOAK_ADMIN_CLIENT_ID=codemie-migration", "KEYCLOAK_ADMIN_CLIENT_SECRET=secret");

        assertThat(rootConfigurationError(failure)).hasMessage("KEYCLOAK_ADMIN_REALM: must be set");
    }

    @Test
    void stopsStartupInKeycloakManagedModeNamingBothSettings() {
        Throwable failure = startFailure("KEYCLOAK_ADMIN_URL=" + KEYCLOAK.url(), "ENABLE_USER_MANAGEMENT=false",
                "KEYCLOAK_ADMIN_REALM=codemie-prod", "KEYCLOAK_ADMIN_CLIENT_ID=codemie-migration",
                "KEYCLOAK_ADMIN_CLIENT_SECRET=secret");

        assertThat(rootConfigurationError(failure)).hasMessageStartingWith("ENABLE_USER_MANAGEMENT: must be true for "
                + "the Keycloak user import (KEYCLOAK_MIGRATION_ENABLED or the migrate-keycloak command)");
    }

    private List<ProjectMembership> awaitMemberships(String id) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<?> user = store.inTransaction(tx -> tx.users().find(id));
            if (user.isPresent()) {
                return store.inTransaction(tx -> tx.projects().membershipsOf(id));
            }
            LockSupport.parkNanos(50_000_000); // polls the condition; the deadline decides
        }
        throw new AssertionError("the import did not create " + id + " within " + DEADLINE);
    }

    private Throwable startFailure(String... properties) {
        SpringApplicationBuilder application = new SpringApplicationBuilder(SpringServiceApplication.class)
                .properties("server.port=0", "KEYCLOAK_MIGRATION_ENABLED=true",
                        "CODEMIE_AUTH_JDBC_URL=jdbc:h2:mem:migration_refused;DB_CLOSE_DELAY=-1",
                        "JWKS_TRUSTED_ISSUERS=" + tokens.trustedIssuersJson())
                .properties(properties);
        try {
            application.run().close();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("the service started");
    }

    private static InvalidConfigurationException rootConfigurationError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InvalidConfigurationException configuration) {
                return configuration;
            }
        }
        throw new AssertionError("no configuration error in " + failure, failure);
    }
}
