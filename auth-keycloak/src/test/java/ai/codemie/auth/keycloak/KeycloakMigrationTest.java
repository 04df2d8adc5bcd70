package ai.codemie.auth.keycloak;

import static ai.codemie.auth.keycloak.MigrationFixture.USER_PROJECT_LIMIT;
import static ai.codemie.auth.keycloak.MigrationFixture.attribute;
import static ai.codemie.auth.keycloak.MigrationFixture.platformSettings;
import static ai.codemie.auth.keycloak.MigrationFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import ai.codemie.auth.audit.AuditEvent;
import ai.codemie.auth.audit.AuditSink;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.error.InvalidConfigurationException;
import ai.codemie.auth.keycloak.MigrationReport.Outcome;
import ai.codemie.auth.keycloak.MigrationReport.UserOutcome;
import ai.codemie.auth.store.InMemoryUserStore;
import ai.codemie.auth.store.Project;
import ai.codemie.auth.store.ProjectMembership;
import ai.codemie.auth.store.ProjectType;
import ai.codemie.auth.store.StoreTransaction;
import ai.codemie.auth.store.StoreUnavailableException;
import ai.codemie.auth.store.StoredUser;
import ai.codemie.auth.store.UserRecords;
import ai.codemie.auth.store.UserStore;
import ai.codemie.auth.test.StoreSeeder;
import java.lang.reflect.Method;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The import against an in-process Keycloak admin API and the in-memory store. */
class KeycloakMigrationTest {

    private FakeKeycloak keycloak;
    private InMemoryUserStore store;

    @BeforeEach
    void start() throws Exception {
        keycloak = FakeKeycloak.start();
        store = new InMemoryUserStore();
    }

    @AfterEach
    void stop() {
        keycloak.close();
    }

    // ---- what a created user gets

    @Test
    void createsAUserAsTheirFirstLoginWouldWithCommaJoinedAttributes() {
        Map<String, Object> alice = attribute(attribute(attribute(user("alice", "Alice", "Liddell"),
                "applications", "alice@example.com, proj-a ,proj-b"),
                "applications_admin", "proj-a,proj-only-admin"),
                "knowledge_bases", "kb-1,kb-2");
        String id = keycloak.addUser(alice);
        keycloak.grantRole("developer", id);

        MigrationReport report = migration(platformSettings().build()).run();

        assertThat(report.users()).containsExactly(new UserOutcome(id, "alice@example.com", Outcome.CREATED, null));
        StoredUser stored = find(id).orElseThrow();
        assertThat(stored).isEqualTo(StoredUser.builder(id, "alice").email("alice@example.com")
                .name("Alice Liddell").projectLimit(USER_PROJECT_LIMIT).authSource("keycloak").build());
        assertThat(memberships(id)).containsExactly(
                new ProjectMembership(id, "alice@example.com", false),
                new ProjectMembership(id, "proj-a", true),
                new ProjectMembership(id, "proj-b", false),
                new ProjectMembership(id, "proj-only-admin", true));
        assertThat(project("alice@example.com")).contains(new Project("alice@example.com", ProjectType.PERSONAL, id,
                null, null));
        assertThat(project("proj-a")).contains(new Project("proj-a", ProjectType.SHARED, null, null, null));
        assertThat(project("proj-only-admin")).contains(new Project("proj-only-admin", ProjectType.SHARED, null, null,
                null));
        List<String> knowledgeBases = store.inTransaction(tx -> tx.users().knowledgeBases(id));
        assertThat(knowledgeBases).containsExactly("kb-1", "kb-2");
    }

    @Test
    void readsAttributesKeptAsArraysLikeOneCommaJoinedElement() {
        String id = keycloak.addUser(attribute(attribute(user("bob"), "applications", "proj-a", "proj-b,proj-c"),
                "applications_admin", "proj-b"));
        keycloak.grantRole("developer", id);

        migration(platformSettings().build()).run();

        assertThat(memberships(id)).containsExactly(
                new ProjectMembership(id, "bob@example.com", false),
                new ProjectMembership(id, "proj-a", false),
                new ProjectMembership(id, "proj-b", true),
                new ProjectMembership(id, "proj-c", false));
    }

    @Test
    void makesAdminsOfTheAdminRoleAndOfAdminUserIdWithoutLimit() {
        String byRole = keycloak.addUser(user("role-admin"));
        keycloak.grantRole("admin", byRole);
        String bySetting = keycloak.addUser(user("setting-admin"));
        String maintainer = keycloak.addUser(user("maintainer"));
        String developer = keycloak.addUser(user("developer"));
        keycloak.grantRole("developer", developer);

        MigrationReport report = migration(platformSettings().set(AuthSettings.ADMIN_USER_ID, bySetting)
                .set(AuthSettings.MAINTAINER_USER_ID, maintainer)
                .build()).run();

        assertThat(report.created()).isEqualTo(4);
        assertThat(find(byRole).orElseThrow()).extracting(StoredUser::admin, StoredUser::maintainer,
                StoredUser::projectLimit).containsExactly(true, false, null);
        assertThat(find(bySetting).orElseThrow()).extracting(StoredUser::admin, StoredUser::maintainer,
                StoredUser::projectLimit).containsExactly(true, false, null);
        assertThat(find(maintainer).orElseThrow()).extracting(StoredUser::admin, StoredUser::maintainer,
                StoredUser::projectLimit).containsExactly(true, true, null);
        assertThat(find(developer).orElseThrow()).extracting(StoredUser::admin, StoredUser::maintainer,
                StoredUser::projectLimit).containsExactly(false, false, USER_PROJECT_LIMIT);
    }

    @Test
    void joinsFirstAndLastNameLeavingOutAMissingPart() {
        String both = developer(user("both", "Ada", "Lovelace"));
        String firstOnly = developer(user("first-only", "Ada", null));
        String lastOnly = developer(user("last-only", null, "Lovelace"));
        String neither = developer(user("neither", null, null));

        migration(platformSettings().build()).run();

        assertThat(find(both).orElseThrow().name()).isEqualTo("Ada Lovelace");
        assertThat(find(firstOnly).orElseThrow().name()).isEqualTo("Ada");
        assertThat(find(lastOnly).orElseThrow().name()).isEqualTo("Lovelace");
        assertThat(find(neither).orElseThrow().name()).isNull();
    }

    @Test
    void takesTheUserTypeFromTheAttributeAsATokenClaim() {
        String external = developer(attribute(user("guest"), "user_type", " External "));
        String invalid = developer(attribute(user("odd"), "user_type", "contractor"));

        MigrationReport report = migration(platformSettings().build()).run();

        assertThat(find(external).orElseThrow().userType()).isEqualTo("external");
        assertThat(outcome(report, invalid)).isEqualTo(new UserOutcome(invalid, "odd@example.com", Outcome.FAILED,
                "Invalid user_type attribute from IDP. Expected 'regular' or 'external', got: 'contractor'"));
        assertThat(find(invalid)).isEmpty();
    }

    // ---- what is skipped, and why

    @Test
    void skipsDisabledUsersUsersWithoutEmailAndUsersTheSignInGateWouldRefuse() {
        Map<String, Object> disabled = user("disabled");
        disabled.put("enabled", false);
        String disabledId = developer(disabled);
        Map<String, Object> noEmail = user("no-email");
        noEmail.remove("email");
        String noEmailId = developer(noEmail);
        Map<String, Object> blankEmail = user("blank-email");
        blankEmail.put("email", " ");
        String blankEmailId = developer(blankEmail);
        String noRole = keycloak.addUser(user("no-role"));
        String adminWithoutSignInRole = keycloak.addUser(user("admin-only"));
        keycloak.grantRole("admin", adminWithoutSignInRole);

        MigrationReport report = migration(platformSettings().build()).run();

        assertThat(report.users()).extracting(UserOutcome::id, UserOutcome::outcome, UserOutcome::reason)
                .containsExactly(
                        tuple(disabledId, Outcome.SKIPPED, "disabled"),
                        tuple(noEmailId, Outcome.SKIPPED, "no_email"),
                        tuple(blankEmailId, Outcome.SKIPPED, "no_email"),
                        tuple(noRole, Outcome.SKIPPED, "no_sign_in_role"),
                        tuple(adminWithoutSignInRole, Outcome.CREATED, null));
        assertThat(StoreSeeder.of(store).userCount()).isEqualTo(1);
    }

    @Test
    void importsUsersWithoutASignInRoleWhenTheGateIsOffAndDoesNotReadItsRoles() {
        String noRole = keycloak.addUser(user("no-role"));

        MigrationReport report = migration(platformSettings().set(AuthSettings.SIGN_IN_GATE, false).build()).run();

        assertThat(outcome(report, noRole).outcome()).isEqualTo(Outcome.CREATED);
        assertThat(keycloak.requests()).noneMatch(request -> request.contains("/roles/developer/"));
    }

    @Test
    void letsAnyConfiguredSignInRoleThrough() {
        String tester = keycloak.addUser(user("tester"));
        keycloak.grantRole("qa tester", tester);

        MigrationReport report = migration(platformSettings().set(AuthSettings.SIGN_IN_ROLES, Set.of("developer",
                "qa tester")).build())
                .run();

        assertThat(outcome(report, tester).outcome()).isEqualTo(Outcome.CREATED);
        assertThat(keycloak.requests()).anyMatch(request -> request.startsWith(
                "GET /admin/realms/codemie-prod/roles/qa%20tester/users?"));
    }

    @Test
    void treatsAnAdminRoleTheRealmLacksAsHeldByNobody() {
        keycloak.removeRole("admin");
        String developer = developer(user("dev"));

        MigrationReport report = migration(platformSettings().build()).run();

        assertThat(outcome(report, developer).outcome()).isEqualTo(Outcome.CREATED);
        assertThat(find(developer).orElseThrow().admin()).isFalse();
    }

    @Test
    void skipsUsersAlreadyInTheStoreByIdOrByEmailInAnyCaseAndLeavesThemUntouched() {
        String sameId = developer(attribute(user("same-id"), "applications", "proj-new"));
        String sameEmail = developer(attribute(user("same-email"), "applications", "proj-new"));
        StoreSeeder.of(store).user(sameId).username("renamed").email("changed@example.com").name("Changed").admin()
                .member("proj-old", true)
                .and().user(UUID.randomUUID().toString()).username("other").email("Same-Email@EXAMPLE.com");
        StoredUser before = find(sameId).orElseThrow();

        MigrationReport report = migration(platformSettings().build()).run();

        assertThat(report.users()).extracting(UserOutcome::id, UserOutcome::outcome, UserOutcome::reason)
                .containsExactly(tuple(sameId, Outcome.SKIPPED, "already_in_store"),
                        tuple(sameEmail, Outcome.SKIPPED, "already_in_store"));
        assertThat(find(sameId)).contains(before);
        assertThat(memberships(sameId)).containsExactly(new ProjectMembership(sameId, "proj-old", true));
        assertThat(find(sameEmail)).isEmpty();
        assertThat(project("proj-new")).isEmpty();
    }

    @Test
    void aSecondRunCreatesNothingAndChangesNothing() {
        for (int i = 0; i < 7; i++) {
            developer(attribute(user("user-" + i), "applications", "proj-" + i % 3));
        }
        KeycloakMigration migration = migration(platformSettings().build());
        migration.run();
        List<StoredUser> users = store.inTransaction((StoreTransaction tx) -> tx.users().listAll());
        List<ProjectMembership> memberships = StoreSeeder.of(store).allMemberships();

        MigrationReport second = migration.run();

        assertThat(second.created()).isZero();
        assertThat(second.users()).extracting(UserOutcome::reason).containsOnly("already_in_store").hasSize(7);
        assertThat(store.inTransaction((StoreTransaction tx) -> tx.users().listAll())).isEqualTo(users);
        assertThat(StoreSeeder.of(store).allMemberships()).isEqualTo(memberships);
    }

    // ---- paging and the token

    @Test
    void readsEveryPageOfUsersAndOfRoleMembers() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            ids.add(developer(user(String.format("user-%02d", i))));
        }

        MigrationReport report = migration(platformSettings().build(), 5).run();

        assertThat(report.users()).extracting(UserOutcome::id).containsExactlyElementsOf(ids);
        assertThat(report.created()).isEqualTo(23);
        assertThat(keycloak.requests()).filteredOn(r -> r.startsWith("GET /admin/realms/codemie-prod/users?"))
                .containsExactly(
                        "GET /admin/realms/codemie-prod/users?first=0&max=5&briefRepresentation=false",
                        "GET /admin/realms/codemie-prod/users?first=5&max=5&briefRepresentation=false",
                        "GET /admin/realms/codemie-prod/users?first=10&max=5&briefRepresentation=false",
                        "GET /admin/realms/codemie-prod/users?first=15&max=5&briefRepresentation=false",
                        "GET /admin/realms/codemie-prod/users?first=20&max=5&briefRepresentation=false");
        assertThat(keycloak.requests()).filteredOn(r -> r.contains("/roles/developer/users")).hasSize(5);
    }

    @Test
    void readsOneMorePageWhenTheLastPageIsFull() {
        for (int i = 0; i < 10; i++) {
            developer(user("user-" + i));
        }

        MigrationReport report = migration(platformSettings().build(), 5).run();

        assertThat(report.created()).isEqualTo(10);
        assertThat(keycloak.requests()).filteredOn(r -> r.startsWith("GET /admin/realms/codemie-prod/users?"))
                .hasSize(3).last().asString().contains("first=10&max=5");
    }

    @Test
    void refusesAKeycloakThatIgnoresPagingInsteadOfLoopingForever() {
        for (int i = 0; i < 5; i++) {
            developer(user("user-" + i));
        }
        keycloak.ignorePaging();

        assertThatThrownBy(() -> migration(platformSettings().build(), 5).run())
                .isInstanceOf(KeycloakAdminException.class)
                .hasMessageContaining("first=5&max=5")
                .hasMessageContaining("nothing new");
        assertThat(StoreSeeder.of(store).userCount()).isZero();
    }

    // ---- failures

    @Test
    void endsBeforeWritingAnythingWhenKeycloakAnswers500OnOnePage() {
        for (int i = 0; i < 12; i++) {
            developer(user("user-" + i));
        }
        keycloak.answer(request -> request.contains("/codemie-prod/users?first=10&")
                ? new FakeKeycloak.Response(500, "{\"error\":\"unknown_error\"}") : null);

        assertThatThrownBy(() -> migration(platformSettings().build(), 5).run())
                .isInstanceOf(KeycloakAdminException.class)
                .hasMessage("GET " + keycloak.url() + "/admin/realms/codemie-prod/users?first=10&max=5"
                        + "&briefRepresentation=false answered HTTP 500: unknown_error")
                .extracting(e -> ((KeycloakAdminException) e).status()).isEqualTo(500);
        assertThat(StoreSeeder.of(store).userCount()).isZero();
        // the lock was released: the next run works
        keycloak.answer(request -> null);
        assertThat(migration(platformSettings().build(), 5).run().created()).isEqualTo(12);
    }

    @Test
    void recordsOneUsersFailureAndGoesOnWithTheOthers() {
        String first = developer(user("first"));
        String failing = developer(user("failing"));
        String last = developer(user("last"));
        UserStore failingOnOne = new FailingStore(store, failing);

        MigrationReport report = new KeycloakMigration(platformSettings().build(), keycloak.settings(100).build(),
                failingOnOne).run();

        assertThat(report.users()).extracting(UserOutcome::id, UserOutcome::outcome).containsExactly(
                tuple(first, Outcome.CREATED), tuple(failing, Outcome.FAILED), tuple(last, Outcome.CREATED));
        assertThat(outcome(report, failing).reason()).isEqualTo("User store unavailable (disk full)");
        assertThat(report.failed()).isEqualTo(1);
        assertThat(find(failing)).isEmpty();
        assertThat(project("failing@example.com")).isEmpty();
    }

    @Test
    void stopsBetweenTwoUsersWhenItsThreadIsInterruptedKeepingWhatItCreated() {
        String first = developer(user("first"));
        developer(user("second"));
        developer(user("third"));
        UserStore interruptedOnFirstInsert = new ForwardingStore(store) {
            @Override
            protected void intercept(Method method, Object[] args) {
                if (method.getDeclaringClass() == UserRecords.class && method.getName().equals("insert")) {
                    Thread.currentThread().interrupt(); // as a shutting-down service does
                }
            }
        };

        try {
            assertThatThrownBy(() -> new KeycloakMigration(platformSettings().build(), keycloak.settings(100).build(),
                    interruptedOnFirstInsert).run())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("Keycloak migration interrupted after 1 of 3 users");
        } finally {
            Thread.interrupted();
        }
        assertThat(StoreSeeder.of(store).userCount()).isEqualTo(1);
        assertThat(find(first)).isPresent();
        assertThat(store.tryExclusiveLock(KeycloakMigration.LOCK_NAME)).isPresent();
    }

    @Test
    void failsAUserWhoseUserNameAnotherStoreUserHas() {
        StoreSeeder.of(store).user(UUID.randomUUID().toString()).username("taken").email("someone-else@example.com");
        String taken = developer(user("taken"));

        MigrationReport report = migration(platformSettings().build()).run();

        assertThat(outcome(report, taken)).isEqualTo(new UserOutcome(taken, "taken@example.com", Outcome.FAILED,
                "another user in the store has the user name 'taken'"));
    }

    @Test
    void failsAUserWhoseIdCouldNeverSignInInPlatformManagedMode() {
        Map<String, Object> federated = user("federated");
        federated.put("id", "f:3e4d5c6b:federated");
        keycloak.addUser(federated);
        keycloak.grantRole("developer", "f:3e4d5c6b:federated");

        MigrationReport report = migration(platformSettings().build()).run();

        assertThat(report.users()).extracting(UserOutcome::outcome, UserOutcome::reason).containsExactly(
                tuple(Outcome.FAILED, "Invalid subject: platform-managed mode accepts only lower-case UUID user ids"));
        assertThat(StoreSeeder.of(store).userCount()).isZero();
    }

    @Test
    void refusesToRunOutsidePlatformManagedMode() {
        AuthSettings keycloakManaged = platformSettings().set(AuthSettings.ENABLE_USER_MANAGEMENT, false).build();

        assertThatThrownBy(() -> migration(keycloakManaged))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("ENABLE_USER_MANAGEMENT: must be true for the Keycloak user import "
                        + "(KEYCLOAK_MIGRATION_ENABLED or the migrate-keycloak command)");
    }

    // ---- one run at a time, and the dry run

    @Test
    void endsAtOnceWithAnEmptyReportWhileAnotherRunHoldsTheLock() {
        developer(user("waiting"));

        UserStore.ExclusiveLock otherRun = store.tryExclusiveLock(KeycloakMigration.LOCK_NAME).orElseThrow();
        MigrationReport report;
        try {
            report = migration(platformSettings().build()).run();
        } finally {
            otherRun.close();
        }

        assertThat(report).isEqualTo(MigrationReport.empty(false));
        assertThat(keycloak.requests()).isEmpty();
        assertThat(StoreSeeder.of(store).userCount()).isZero();
    }

    @Test
    void dryRunReportsWhatARunWouldDoWithoutLockOrWrite() {
        String created = developer(attribute(user("new"), "applications", "proj-a"));
        String noRole = keycloak.addUser(user("no-role"));
        String existing = developer(user("existing"));
        StoreSeeder.of(store).user(existing).username("existing").email("existing@example.com");
        WriteRefusingStore readOnly = new WriteRefusingStore(store);

        MigrationReport report = new KeycloakMigration(platformSettings().build(), keycloak.settings(100).build(),
                readOnly).dryRun();

        assertThat(report.dryRun()).isTrue();
        assertThat(report.users()).extracting(UserOutcome::id, UserOutcome::outcome, UserOutcome::reason)
                .containsExactly(tuple(created, Outcome.CREATED, null),
                        tuple(noRole, Outcome.SKIPPED, "no_sign_in_role"),
                        tuple(existing, Outcome.SKIPPED, "already_in_store"));
        assertThat(readOnly.writes).isEmpty();
        assertThat(StoreSeeder.of(store).userCount()).isEqualTo(1);
        // the same users, for real
        assertThat(migration(platformSettings().build()).run().users()).isEqualTo(report.users());
    }

    @Test
    void dryRunPredictsAUserNameConflictAsARunWouldMeetIt() {
        StoreSeeder.of(store).user(UUID.randomUUID().toString()).username("taken").email("someone-else@example.com");
        String taken = developer(user("taken"));

        MigrationReport dry = migration(platformSettings().build()).dryRun();

        assertThat(outcome(dry, taken).outcome()).isEqualTo(Outcome.FAILED);
    }

    // ---- audit

    @Test
    void auditsEachCreatedUserOnceAfterItsTransactionWithItsStoredState() {
        Instant now = Instant.parse("2026-03-01T10:15:30Z");
        String developer = developer(attribute(user("dev", "Ada", "Lovelace"), "applications", "proj-a"));
        String admin = keycloak.addUser(user("boss", null, null));
        keycloak.grantRole("admin", admin);
        String maintainer = keycloak.addUser(user("keeper"));
        keycloak.addUser(user("no-role"));
        String existing = developer(user("existing"));
        StoreSeeder.of(store).user(existing).username("existing").email("existing@example.com");
        List<AuditEvent> events = new ArrayList<>();

        MigrationReport report = new KeycloakMigration(platformSettings()
                .set(AuthSettings.MAINTAINER_USER_ID, maintainer).build(), keycloak.settings(100).build(), store,
                InstantSource.fixed(now), events::add).run();

        assertThat(report.created()).isEqualTo(3);
        assertThat(events).containsExactly(
                new AuditEvent(now, FakeKeycloak.CLIENT_ID, "user.import", null, null, developer, Map.of(),
                        state("dev", "dev@example.com", "Ada Lovelace", false, false, USER_PROJECT_LIMIT)),
                new AuditEvent(now, FakeKeycloak.CLIENT_ID, "user.import", null, null, admin, Map.of(),
                        state("boss", "boss@example.com", null, true, false, null)),
                new AuditEvent(now, FakeKeycloak.CLIENT_ID, "user.import", null, null, maintainer, Map.of(),
                        state("keeper", "keeper@example.com", "First Last", true, true, null)));
        assertThat(events.get(0).after().keySet()).containsExactly("username", "email", "name", "user_type",
                "is_admin", "is_maintainer", "project_limit", "auth_source");
    }

    @Test
    void auditsNothingForADryRunOrASecondRun() {
        developer(user("new"));
        List<AuditEvent> events = new ArrayList<>();
        KeycloakMigration migration = new KeycloakMigration(platformSettings().build(),
                keycloak.settings(100).build(), store, events::add);

        assertThat(migration.dryRun().created()).isEqualTo(1);
        assertThat(events).isEmpty();
        assertThat(migration.run().created()).isEqualTo(1);
        assertThat(events).hasSize(1);
        assertThat(migration.run().users()).extracting(UserOutcome::outcome).containsExactly(Outcome.SKIPPED);
        assertThat(events).hasSize(1);
    }

    @Test
    void auditsNothingForAUserWhoseCreationFailed() {
        String first = developer(user("first"));
        String failing = developer(user("failing"));
        String taken = developer(user("taken"));
        StoreSeeder.of(store).user(UUID.randomUUID().toString()).username("taken").email("someone-else@example.com");
        String last = developer(user("last"));
        List<AuditEvent> events = new ArrayList<>();

        MigrationReport report = new KeycloakMigration(platformSettings().build(), keycloak.settings(100).build(),
                new FailingStore(store, failing), events::add).run();

        assertThat(report.failed()).isEqualTo(2);
        assertThat(outcome(report, taken).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(events).extracting(AuditEvent::target).containsExactly(first, last);
    }

    @Test
    void aFailingAuditSinkFailsNeitherTheUserNorTheRun() {
        String first = developer(user("first"));
        String second = developer(user("second"));
        List<String> offered = new ArrayList<>();
        AuditSink failing = event -> {
            offered.add(event.target());
            throw new IllegalStateException("audit database down");
        };

        MigrationReport report = new KeycloakMigration(platformSettings().build(), keycloak.settings(100).build(),
                store, failing).run();

        assertThat(report.users()).extracting(UserOutcome::id, UserOutcome::outcome).containsExactly(
                tuple(first, Outcome.CREATED), tuple(second, Outcome.CREATED));
        assertThat(offered).containsExactly(first, second);
        assertThat(find(first)).isPresent();
        assertThat(find(second)).isPresent();
    }

    /** The {@code after} state of an imported regular Keycloak user, as the events carry it. */
    private static Map<String, Object> state(String username, String email, String name, boolean admin,
            boolean maintainer, Integer projectLimit) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("username", username);
        state.put("email", email);
        state.put("name", name);
        state.put("user_type", "regular");
        state.put("is_admin", admin);
        state.put("is_maintainer", maintainer);
        state.put("project_limit", projectLimit);
        state.put("auth_source", "keycloak");
        return state;
    }

    // ---- helpers

    private String developer(Map<String, Object> user) {
        String id = keycloak.addUser(user);
        keycloak.grantRole("developer", id);
        return id;
    }

    private KeycloakMigration migration(AuthSettings settings) {
        return migration(settings, 100);
    }

    private KeycloakMigration migration(AuthSettings settings, int pageSize) {
        return new KeycloakMigration(settings, keycloak.settings(pageSize).build(), store);
    }

    private Optional<StoredUser> find(String id) {
        return store.inTransaction(tx -> tx.users().find(id));
    }

    private List<ProjectMembership> memberships(String id) {
        return store.inTransaction(tx -> tx.projects().membershipsOf(id));
    }

    private Optional<Project> project(String name) {
        return store.inTransaction(tx -> tx.projects().find(name));
    }

    private static UserOutcome outcome(MigrationReport report, String id) {
        return report.users().stream().filter(u -> u.id().equals(id)).findFirst().orElseThrow();
    }

    /** A store whose transactions adding a membership of one user fail as a database error would. */
    private static final class FailingStore extends ForwardingStore {
        private final String failingUser;

        FailingStore(UserStore delegate, String failingUser) {
            super(delegate);
            this.failingUser = failingUser;
        }

        @Override
        protected void intercept(Method method, Object[] args) {
            if (method.getName().startsWith("addMember") && membersOf(args[0]).anyMatch(failingUser::equals)) {
                throw new StoreUnavailableException(new SQLException("disk full"));
            }
        }
    }

    /** The users of the membership, or of each membership of the collection, that a call adds. */
    private static Stream<String> membersOf(Object memberships) {
        Collection<?> all = memberships instanceof Collection<?> many ? many : List.of(memberships);
        return all.stream().map(membership -> ((ProjectMembership) membership).userId());
    }

    /** A store that records and refuses every write a transaction is asked for, and refuses the lock. */
    static final class WriteRefusingStore extends ForwardingStore {
        private static final Set<String> WRITES = Set.of("insert", "update", "addMember", "addMembers",
                "removeMember", "grantKnowledgeBase", "grantKnowledgeBases", "revokeKnowledgeBase", "publishChange",
                "lock", "lockUsableAdmins");
        final List<String> writes = Collections.synchronizedList(new ArrayList<>());

        WriteRefusingStore(UserStore delegate) {
            super(delegate);
        }

        @Override
        protected void intercept(Method method, Object[] args) {
            if (WRITES.contains(method.getName())) {
                writes.add(method.getName());
                throw new IllegalStateException("a dry run wrote: " + method.getName());
            }
        }

        @Override
        public Optional<ExclusiveLock> tryExclusiveLock(String name) {
            writes.add("tryExclusiveLock");
            throw new IllegalStateException("a dry run took the lock");
        }
    }
}
