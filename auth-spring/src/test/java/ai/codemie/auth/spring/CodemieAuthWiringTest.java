package ai.codemie.auth.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.CodemieAuth;
import ai.codemie.auth.admin.UserAdministration;
import ai.codemie.auth.audit.AuditEvent;
import ai.codemie.auth.audit.AuditSink;
import ai.codemie.auth.error.InvalidConfigurationException;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.store.UserStore;
import ai.codemie.auth.test.TestCallers;
import ai.codemie.auth.test.TestStore;
import ai.codemie.auth.token.TokenVerifier;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The beans the auto-configuration wires: the facade's administration, and the application's clock and audit sink.
 */
class CodemieAuthWiringTest {

    static final String ROOT = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    static final String BOB = "0b6f5c1e-3a4d-4c2b-9f1e-2a3b4c5d6e7f";
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CodemieAuthAutoConfiguration.class))
            .withBean(TokenVerifier.class, () -> token -> {
                throw new IllegalStateException("not used");
            })
            .withPropertyValues("codemie.auth.jwks.trusted-issuers[0].issuer=https://idp.example/realms/codemie",
                    "codemie.auth.jwks.trusted-issuers[0].jwks-uri=https://idp.example/realms/codemie/certs");

    @Test
    void theFacadesAdministrationWorksInPlatformManagedModeOnTheApplicationsClock() {
        TestStore store = new TestStore();
        store.seed().user(ROOT).admin().and().user(BOB);
        EffectivePermissions root = TestCallers.user(ROOT).admin(true).build();
        runner.withBean(UserStore.class, () -> store)
                .withBean(Clock.class, () -> Clock.fixed(NOW, ZoneOffset.UTC))
                .withPropertyValues("ENABLE_USER_MANAGEMENT=true")
                .run(context -> {
                    CodemieAuth auth = context.getBean(CodemieAuth.class);
                    assertThat(auth.administration()).isSameAs(context.getBean(UserAdministration.class));

                    auth.administration().deactivateUser(root, BOB);

                    assertThat(store.inTransaction(tx -> tx.users().find(BOB)).orElseThrow().deletedAt())
                            .isEqualTo(NOW);
                });
    }

    @Test
    void theApplicationsAuditSinkBeanHearsTheAdministrationsChanges() {
        TestStore store = new TestStore();
        store.seed().user(ROOT).admin().and().user(BOB);
        EffectivePermissions root = TestCallers.user(ROOT).admin(true).build();
        List<AuditEvent> events = new CopyOnWriteArrayList<>();
        runner.withBean(UserStore.class, () -> store)
                .withBean(AuditSink.class, () -> events::add)
                .withBean(Clock.class, () -> Clock.fixed(NOW, ZoneOffset.UTC))
                .withPropertyValues("ENABLE_USER_MANAGEMENT=true")
                .run(context -> {
                    context.getBean(UserAdministration.class).grantKnowledgeBase(root, BOB, "kb");

                    assertThat(events).containsExactly(new AuditEvent(NOW, ROOT, "user.knowledge_base.grant", null,
                            null, BOB, Map.of(), Map.of("knowledge_base", "kb")));
                });
    }

    @Test
    void keycloakManagedModeHasNoAdministrationAndNeverOpensTheStore() {
        AtomicBoolean storeAskedFor = new AtomicBoolean();
        runner.withBean(UserStore.class, () -> {
                    storeAskedFor.set(true);
                    return new TestStore();
                }, definition -> definition.setLazyInit(true))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(CodemieAuth.class)).isNotNull();
                    assertThat(storeAskedFor).isFalse();
                    assertThatThrownBy(() -> context.getBean(UserAdministration.class)).rootCause()
                            .isInstanceOf(InvalidConfigurationException.class)
                            .hasMessageContaining("platform-managed mode");
                });
    }
}
