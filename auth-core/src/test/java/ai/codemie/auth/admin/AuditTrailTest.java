package ai.codemie.auth.admin;

import static ai.codemie.auth.admin.UserAdministrationTest.ADMIN;
import static ai.codemie.auth.admin.UserAdministrationTest.ALICE;
import static ai.codemie.auth.admin.UserAdministrationTest.BOB;
import static ai.codemie.auth.admin.UserAdministrationTest.MAINTAINER;
import static ai.codemie.auth.audit.Audit.state;
import static ai.codemie.auth.resolve.PlatformFixture.CLOCK;
import static ai.codemie.auth.resolve.PlatformFixture.NOW;
import static ai.codemie.auth.resolve.PlatformFixture.USER_PROJECT_LIMIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.LogCapture;
import ai.codemie.auth.audit.AuditEvent;
import ai.codemie.auth.audit.AuditSink;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.ClaimPreset;
import ai.codemie.auth.config.IdpProvider;
import ai.codemie.auth.config.TrustedIssuer;
import ai.codemie.auth.error.AuthException;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.resolve.PlatformFixture;
import ai.codemie.auth.resolve.PlatformManagedResolver;
import ai.codemie.auth.store.ChangeFeed;
import ai.codemie.auth.store.InMemoryUserStore;
import ai.codemie.auth.store.StoreUnavailableException;
import ai.codemie.auth.store.StoredUser;
import ai.codemie.auth.store.UserStore;
import ai.codemie.auth.test.StoreSeeder;
import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every committed administrative change is reported once, as the caller's, with what it changed. */
class AuditTrailTest {

    /** The limit the seeder gives a plain user. */
    private static final int SEEDED_LIMIT = 3;

    private final InMemoryUserStore store = new InMemoryUserStore();
    private final AuthSettings settings = PlatformFixture.settings();
    private final PlatformManagedResolver resolver = new PlatformManagedResolver(settings, store);
    private final List<AuditEvent> events = new CopyOnWriteArrayList<>();
    private final UserAdministration admin = administration(settings, events::add);

    AuditTrailTest() {
        StoreSeeder.of(store).user(MAINTAINER).maintainer().user(ADMIN).admin().user(ALICE).email("alice@x.com")
                .user(BOB).email("bob@x.com");
    }

    @AfterEach
    void close() {
        resolver.close();
    }

    private UserAdministration administration(AuthSettings with, AuditSink sink) {
        return new UserAdministration(with, store, resolver.changeListener(), CLOCK, sink);
    }

    private EffectivePermissions as(String id) {
        return PlatformFixture.caller(settings, store, id);
    }

    private StoredUser stored(String id) {
        return store.inTransaction(tx -> tx.users().find(id)).orElseThrow();
    }

    private static AuditEvent event(String actor, String action, String project, String target,
            Map<String, Object> before, Map<String, Object> after) {
        return new AuditEvent(NOW, actor, action, null, project, target, before, after);
    }

    // ---- one event per operation

    @Test
    void creatingALocalUserReportsTheNewUser() {
        AuthSettings local = PlatformFixture.settings(b -> b.set(AuthSettings.IDP_PROVIDER, IdpProvider.LOCAL)
                .addTrustedIssuer(TrustedIssuer.withJwks(AuthSettings.LOCAL_ISSUER, null,
                        URI.create("http://localhost/jwks"), ClaimPreset.KEYCLOAK)));
        UserAdministration localAdmin = administration(local, events::add);

        ManagedUser carol = localAdmin.createLocalUser(as(ADMIN), new NewLocalUser("carol", "carol@x.com", "Carol"));

        assertThat(events).containsExactly(event(ADMIN, "user.create", null, carol.user().id(), Map.of(),
                state("username", "carol", "email", "carol@x.com", "name", "Carol", "project_limit",
                        USER_PROJECT_LIMIT)));
        assertThat(events.get(0).after().keySet()).containsExactly("username", "email", "name", "project_limit");
    }

    @Test
    void promotionToAdminReportsTheFlagAndTheLimitItClears() {
        admin.setAdmin(as(MAINTAINER), ALICE, true);

        assertThat(events).containsExactly(event(MAINTAINER, "user.admin", null, ALICE,
                state("is_admin", false, "project_limit", SEEDED_LIMIT),
                state("is_admin", true, "project_limit", null)));
    }

    @Test
    void demotionWithAGivenLimitReportsBoth() {
        admin.updateUser(as(MAINTAINER), ADMIN, UserUpdate.none().withAdmin(false).withProjectLimit(2));

        assertThat(events).containsExactly(event(MAINTAINER, "user.admin", null, ADMIN,
                state("is_admin", true, "project_limit", null), state("is_admin", false, "project_limit", 2)));
    }

    @Test
    void makingAMaintainerIsReportedAsSuchWithTheAdminFlagItSets() {
        admin.setMaintainer(as(MAINTAINER), ALICE, true);

        assertThat(events).containsExactly(event(MAINTAINER, "user.maintainer", null, ALICE,
                state("is_maintainer", false, "is_admin", false, "project_limit", SEEDED_LIMIT),
                state("is_maintainer", true, "is_admin", true, "project_limit", null)));
        assertThat(events.get(0).before().keySet()).containsExactly("is_maintainer", "is_admin", "project_limit");
    }

    @Test
    void revokingMaintainerKeepsAdminAndReportsTheMaintainerFlagOnly() {
        admin.setMaintainer(as(MAINTAINER), ADMIN, true);
        events.clear();

        admin.setMaintainer(as(MAINTAINER), ADMIN, false);

        assertThat(events).containsExactly(event(MAINTAINER, "user.maintainer", null, ADMIN,
                state("is_maintainer", true), state("is_maintainer", false)));
    }

    @Test
    void aNewProjectLimitIsReported() {
        admin.setProjectLimit(as(ADMIN), ALICE, 5);

        assertThat(events).containsExactly(event(ADMIN, "user.project_limit", null, ALICE,
                state("project_limit", SEEDED_LIMIT), state("project_limit", 5)));
    }

    @Test
    void deactivationReportsTheTimeItWrote() {
        admin.deactivateUser(as(ADMIN), ALICE);

        assertThat(events).containsExactly(event(ADMIN, "user.deactivate", null, ALICE,
                state("is_active", true, "deleted_at", null),
                state("is_active", false, "deleted_at", "2026-03-01T10:00:00Z")));
    }

    @Test
    void aSharedProjectIsReportedWithItsDescriptionAndCreator() {
        admin.createSharedProject(as(ALICE), "proj", "Team \"project\"");

        assertThat(events).containsExactly(event(ALICE, "project.create", "proj", "proj", Map.of(),
                state("project_type", "shared", "description", "Team \"project\"", "created_by", ALICE)));
    }

    @Test
    void assignmentAndUnassignmentAreReportedOnTheProjectWithTheMembersRole() {
        StoreSeeder.of(store).sharedProject("proj", ADMIN);

        admin.assignMember(as(ADMIN), "proj", ALICE, true);
        admin.unassignMember(as(ADMIN), "proj", ALICE);

        assertThat(events).containsExactly(
                event(ADMIN, "project.member.assign", "proj", ALICE, Map.of(), state("is_project_admin", true)),
                event(ADMIN, "project.member.unassign", "proj", ALICE, state("is_project_admin", true), Map.of()));
    }

    @Test
    void knowledgeBaseGrantsAndRevocationsAreReported() {
        admin.grantKnowledgeBase(as(ADMIN), ALICE, "kb-1");
        admin.revokeKnowledgeBase(as(MAINTAINER), ALICE, "kb-1");

        assertThat(events).containsExactly(
                event(ADMIN, "user.knowledge_base.grant", null, ALICE, Map.of(), state("knowledge_base", "kb-1")),
                event(MAINTAINER, "user.knowledge_base.revoke", null, ALICE, state("knowledge_base", "kb-1"),
                        Map.of()));
    }

    @Test
    void theEventIsReportedOnlyOnceTheChangeIsCommitted() {
        List<Boolean> adminWhenReported = new CopyOnWriteArrayList<>();
        UserAdministration reading = administration(settings,
                event -> adminWhenReported.add(store.inTransaction(tx -> tx.users().find(ALICE)).orElseThrow()
                        .admin()));

        reading.setAdmin(as(MAINTAINER), ALICE, true);

        assertThat(adminWhenReported).containsExactly(true);
    }

    // ---- nothing for what changed nothing

    @Test
    void operationsThatChangeNothingReportNothing() {
        StoreSeeder.of(store).existingUser(ALICE).knowledgeBase("kb-held");
        StoreSeeder.of(store).user("gone").inactive();

        assertThat(admin.grantKnowledgeBase(as(ADMIN), ALICE, "kb-held")).isFalse();
        assertThat(admin.revokeKnowledgeBase(as(ADMIN), ALICE, "kb-never")).isFalse();
        admin.setProjectLimit(as(ADMIN), ALICE, SEEDED_LIMIT);
        admin.setAdmin(as(MAINTAINER), ADMIN, true);
        admin.updateUser(as(ADMIN), ALICE, UserUpdate.none());
        admin.deactivateUser(as(ADMIN), "gone");

        assertThat(events).isEmpty();
    }

    @Test
    void readsReportNothing() {
        admin.listUsers(as(ADMIN));
        admin.getUser(as(ADMIN), ALICE);

        assertThat(events).isEmpty();
    }

    // ---- nothing for what was refused or failed

    @Test
    void refusedOperationsReportNothing() {
        StoreSeeder.of(store).sharedProject("proj", ADMIN);

        assertThatThrownBy(() -> admin.setAdmin(as(ADMIN), ALICE, true)).isInstanceOf(AuthException.class);
        assertThatThrownBy(() -> admin.setMaintainer(as(ALICE), ALICE, true)).isInstanceOf(AuthException.class);
        assertThatThrownBy(() -> admin.setProjectLimit(as(ALICE), BOB, 50)).isInstanceOf(AuthException.class);
        assertThatThrownBy(() -> admin.setProjectLimit(as(ADMIN), BOB, -1)).isInstanceOf(AuthException.class);
        assertThatThrownBy(() -> admin.setAdmin(as(MAINTAINER), MAINTAINER, false))
                .isInstanceOf(AuthException.class);
        assertThatThrownBy(() -> admin.deactivateUser(as(ALICE), BOB)).isInstanceOf(AuthException.class);
        assertThatThrownBy(() -> admin.deactivateUser(as(ADMIN), MAINTAINER)).isInstanceOf(AuthException.class);
        assertThatThrownBy(() -> admin.createLocalUser(as(ADMIN), new NewLocalUser("carol", "carol@x.com", null)))
                .isInstanceOf(AuthException.class);
        assertThatThrownBy(() -> admin.createSharedProject(as(BOB), "proj", "taken"))
                .isInstanceOf(AuthException.class);
        assertThatThrownBy(() -> admin.assignMember(as(ALICE), "proj", BOB, true)).isInstanceOf(AuthException.class);
        assertThatThrownBy(() -> admin.unassignMember(as(ADMIN), "proj", BOB)).isInstanceOf(AuthException.class);
        assertThatThrownBy(() -> admin.grantKnowledgeBase(as(ALICE), ALICE, "kb")).isInstanceOf(AuthException.class);
        assertThatThrownBy(() -> admin.revokeKnowledgeBase(as(ALICE), ALICE, "kb"))
                .isInstanceOf(AuthException.class);

        assertThat(events).isEmpty();
        assertThat(stored(ALICE).admin()).isFalse();
    }

    @Test
    void anOperationWhoseCommitFailsReportsNothing() {
        UserStore failingAtCommit = new UserStore() {
            @Override
            public <T> T inTransaction(StoreWork<T> work) {
                store.inTransaction(work);
                throw new StoreUnavailableException(new SQLException("connection lost during commit"));
            }

            @Override
            public ChangeFeed changeFeed() {
                return store.changeFeed();
            }
        };
        UserAdministration failing = new UserAdministration(settings, failingAtCommit, resolver.changeListener(),
                CLOCK, events::add);

        assertThatThrownBy(() -> failing.setProjectLimit(as(ADMIN), ALICE, 5))
                .isInstanceOf(StoreUnavailableException.class);
        assertThatThrownBy(() -> failing.createSharedProject(as(ALICE), "proj", "d"))
                .isInstanceOf(StoreUnavailableException.class);

        assertThat(events).isEmpty();
    }

    // ---- a failing sink

    @Test
    void aFailingSinkNeitherUndoesNorFailsTheChangeAndIsLogged() {
        UserAdministration failing = administration(settings, event -> {
            throw new IllegalStateException("audit store down");
        });

        try (LogCapture log = LogCapture.start()) {
            failing.deactivateUser(as(ADMIN), ALICE);
            assertThat(failing.grantKnowledgeBase(as(ADMIN), BOB, "kb")).isTrue();

            assertThat(log.lines("WARN", "ai.codemie.auth.admin", "failed to record user.deactivate of " + ALICE
                    + " by " + ADMIN, "the change stands")).hasSize(1);
            assertThat(log.lines("WARN", "failed to record user.knowledge_base.grant of " + BOB)).hasSize(1);
            assertThat(log.lines("IllegalStateException: audit store down")).hasSize(2);
        }
        assertThat(stored(ALICE).usable()).isFalse();
        assertThat(resolverSees(BOB).knowledgeBases()).containsExactly("kb");
    }

    private EffectivePermissions resolverSees(String id) {
        return resolver.resolve(PlatformFixture.token(id));
    }
}
