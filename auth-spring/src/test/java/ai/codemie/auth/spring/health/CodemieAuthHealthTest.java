package ai.codemie.auth.spring.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.CodemieAuth;
import ai.codemie.auth.error.UnavailableException;
import ai.codemie.auth.jdbc.JdbcUserStore;
import ai.codemie.auth.observe.AuthObserver;
import ai.codemie.auth.spring.CodemieAuthAutoConfiguration;
import ai.codemie.auth.spring.metrics.CodemieAuthMetricsAutoConfiguration;
import ai.codemie.auth.spring.metrics.MicrometerAuthObserver;
import ai.codemie.auth.store.UserStore;
import ai.codemie.auth.test.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.sql.SQLException;
import java.util.UUID;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The health contributors over real key endpoints and a real JDBC store: DOWN exactly when a request gets the 503,
 * UP otherwise; and the meters' auto-configuration, present with a registry and absent without.
 */
class CodemieAuthHealthTest {

    final TestTokens tokens = TestTokens.start();
    Server database;

    final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CodemieAuthAutoConfiguration.class,
                    CodemieAuthMetricsAutoConfiguration.class, CodemieAuthHealthAutoConfiguration.class))
            .withPropertyValues("codemie.auth.jwks.http-timeout=1s");

    @AfterEach
    void stop() {
        tokens.close();
        if (database != null) {
            database.stop();
        }
    }

    @Test
    void keysAreUpWhileTheKeyEndpointServesThem() {
        trusting(tokens.jwksUri()).run(context -> {
            Health health = keys(context).health();

            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsKey("issuers");
            context.getBean(CodemieAuth.class).authenticate(tokens.forUser("alice").roles("developer").sign());
        });
    }

    @Test
    void keysAreDownExactlyWhenTokensGet503BecauseTheKeyEndpointIsUnreachable() {
        URI closedPort = tokens.jwksUri();
        tokens.close(); // nothing listens on the port from now on

        trusting(closedPort).run(context -> {
            assertThat(keys(context).health().getStatus()).isEqualTo(Status.DOWN);
            assertThatThrownBy(() -> context.getBean(CodemieAuth.class).authenticate(
                    tokens.forUser("alice").roles("developer").sign())).isInstanceOf(UnavailableException.class);
        });
    }

    @Test
    void storeIsUpWhileTheDatabaseAnswersAndDownWhenItsPortIsClosed() throws SQLException {
        database = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
        String url = "jdbc:h2:tcp://127.0.0.1:" + database.getPort() + "/mem:health" + UUID.randomUUID()
                .toString().replace("-", "") + ";DB_CLOSE_DELAY=-1";
        trusting(tokens.jwksUri()).withPropertyValues("codemie.auth.enable-user-management=true")
                .withBean(UserStore.class, () -> JdbcUserStore.connect(url, "sa", "")).run(context -> {
                    CodemieAuth auth = context.getBean(CodemieAuth.class);
                    UserStoreHealthIndicator store = context.getBean("codemieAuthStoreHealthIndicator",
                            UserStoreHealthIndicator.class);
                    assertThat(store.health().getStatus()).isEqualTo(Status.UP);

                    database.stop();

                    assertThat(store.health().getStatus()).isEqualTo(Status.DOWN);
                    assertThatThrownBy(() -> auth.authenticate(tokens.forUser(UUID.randomUUID().toString())
                            .roles("developer").sign())).isInstanceOf(UnavailableException.class);
                });
    }

    @Test
    void storeIsUnknownAndLeftUnopenedInKeycloakManagedMode() {
        trusting(tokens.jwksUri()).withBean(UserStore.class, () -> {
            throw new IllegalStateException("opened the store");
        }, definition -> definition.setLazyInit(true)).run(context -> assertThat(context.getBean("codemieAuthStoreHealthIndicator",
                UserStoreHealthIndicator.class).health().getStatus()).isEqualTo(Status.UNKNOWN));
    }

    @Test
    void healthContributorsAreSwitchedOffByTheirProperty() {
        trusting(tokens.jwksUri()).withPropertyValues("management.health.codemie-auth.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(IssuerKeysHealthIndicator.class));
    }

    @Test
    void metersAreGivenToCodemieAuthWhenARegistryExists() {
        trusting(tokens.jwksUri()).withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            assertThat(context).hasSingleBean(MicrometerAuthObserver.class);
            context.getBean(CodemieAuth.class).authenticate(tokens.forUser("alice").roles("developer").sign());

            assertThat(context.getBean(MeterRegistry.class).get(MicrometerAuthObserver.CACHE_LOOKUPS)
                    .tags("cache", "verified_tokens", "result", "miss").counter().count()).isEqualTo(1);
        });
    }

    @Test
    void metersBackOffWithoutARegistry() {
        trusting(tokens.jwksUri()).run(context -> assertThat(context).doesNotHaveBean(AuthObserver.class)
                .hasSingleBean(CodemieAuth.class));
    }

    private ApplicationContextRunner trusting(URI jwksUri) {
        return runner.withPropertyValues("codemie.auth.jwks.trusted-issuers[0].issuer=" + tokens.issuer(),
                "codemie.auth.jwks.trusted-issuers[0].jwks-uri=" + jwksUri);
    }

    private static IssuerKeysHealthIndicator keys(AssertableApplicationContext context) {
        return context.getBean("codemieAuthKeysHealthIndicator", IssuerKeysHealthIndicator.class);
    }
}
