package ai.codemie.auth.admin;

import static ai.codemie.auth.resolve.PlatformFixture.CLOCK;
import static ai.codemie.auth.resolve.PlatformFixture.NOW;
import static ai.codemie.auth.resolve.PlatformFixture.USER_PROJECT_LIMIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.ClaimPreset;
import ai.codemie.auth.config.IdpProvider;
import ai.codemie.auth.config.TrustedIssuer;
import ai.codemie.auth.error.AccessDeniedException;
import ai.codemie.auth.error.AuthException;
import ai.codemie.auth.error.AuthenticationException;
import ai.codemie.auth.error.Problem;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.model.UserIdentity;
import ai.codemie.auth.policy.Requirements;
import ai.codemie.auth.resolve.PlatformFixture;
import ai.codemie.auth.resolve.PlatformManagedResolver;
import ai.codemie.auth.store.InMemoryUserStore;
import ai.codemie.auth.store.Project;
import ai.codemie.auth.store.ProjectMembership;
import ai.codemie.auth.store.ProjectType;
import ai.codemie.auth.store.StoredUser;
import ai.codemie.auth.store.UserStore;
import ai.codemie.auth.test.StoreSeeder;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class UserAdministrationTest {

    static final String MAINTAINER = "8f0e6f4a-1b2c-4d3e-8f4a-5b6c7d8e9f01";
    static final String ADMIN = "1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d";
    static final String ALICE = "0b6f5c1e-3a4d-4c2b-9f1e-2a3b4c5d6e7f";
    static final String BOB = "7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

    private final InMemoryUserStore store = new InMemoryUserStore();
    private final AuthSettings settings = PlatformFixture.settings();
    private final PlatformManagedResolver resolver = new PlatformManagedResolver(settings, store);
    private final UserAdministration admin = new UserAdministration(settings, store, resolver.changeListener(), CLOCK);

    UserAdministrationTest() {
        StoreSeeder.of(store).user(MAINTAINER).maintainer().user(ADMIN).admin().user(ALICE).email("alice@x.com")
                .user(BOB).email("bob@x.com");
    }

    @AfterEach
    void close() {
        resolver.close();
    }

    private EffectivePermissions as(String id) {
        return PlatformFixture.caller(settings, store, id);
    }

    private StoredUser stored(String id) {
        return store.inTransaction(tx -> tx.users().find(id)).orElseThrow();
    }

    private List<ProjectMembership> membershipsOf(String id) {
        return store.inTransaction(tx -> tx.projects().membershipsOf(id));
    }

    static void assertRefused(ThrowingCallable call, Problem.Status status, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AuthException.class, e -> {
            assertThat(e.problem().status()).isEqualTo(status);
            assertThat(e.problem().message()).isEqualTo(message);
        });
    }

    static void assertAccessDenied(ThrowingCallable call, String details) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AccessDeniedException.class, e -> {
            assertThat(e.problem().message()).isEqualTo("Access denied");
            assertThat(e.problem().details()).isEqualTo(details);
        });
    }

    @Test
    void answersUserManagementNotEnabledInKeycloakManagedMode() {
        AuthSettings keycloakManaged = PlatformFixture.settings(b -> b.set(AuthSettings.ENABLE_USER_MANAGEMENT, false));
        UserAdministration off = new UserAdministration(keycloakManaged, store, resolver.changeListener());

        assertRefused(() -> off.listUsers(as(ADMIN)), Problem.Status.BAD_REQUEST, "User management not enabled");
        assertRefused(() -> off.createSharedProject(as(ALICE), "proj", "d"), Problem.Status.BAD_REQUEST,
                "User management not enabled");
        assertRefused(() -> off.deactivateUser(as(ADMIN), ALICE), Problem.Status.BAD_REQUEST,
                "User management not enabled");
        assertThat(stored(ALICE).usable()).isTrue();
    }

    // ---- administration rules: roles

    @Test
    void onlyMaintainersMayChangeTheAdminFlag() {
        assertAccessDenied(() -> admin.setAdmin(as(ADMIN), ALICE, true), Requirements.MAINTAINER_DETAILS);
        assertThat(stored(ALICE).admin()).isFalse();

        assertThat(admin.setAdmin(as(MAINTAINER), ALICE, true).user().admin()).isTrue();
    }

    @Test
    void onlyMaintainersMayChangeTheMaintainerFlag() {
        assertAccessDenied(() -> admin.setMaintainer(as(ADMIN), ADMIN, true), Requirements.MAINTAINER_DETAILS);
        assertThat(stored(ADMIN).maintainer()).isFalse();
    }

    @Test
    void nonAdminsMayNotAdministerUsers() {
        assertAccessDenied(() -> admin.setProjectLimit(as(ALICE), BOB, 5), Requirements.ADMIN_DETAILS);
        assertAccessDenied(() -> admin.deactivateUser(as(ALICE), BOB), Requirements.ADMIN_DETAILS);
        assertAccessDenied(() -> admin.listUsers(as(ALICE)), Requirements.ADMIN_DETAILS);
        assertAccessDenied(() -> admin.getUser(as(ALICE), BOB), Requirements.ADMIN_DETAILS);
        assertAccessDenied(() -> admin.grantKnowledgeBase(as(ALICE), ALICE, "kb"), Requirements.ADMIN_DETAILS);
    }

    @Test
    void anAdminMaySendRoleFlagsThatChangeNothing() {
        ManagedUser same = admin.updateUser(as(ADMIN), ALICE, UserUpdate.none().withAdmin(false).withMaintainer(false));

        assertThat(same.user().admin()).isFalse();
    }

    @Test
    void settingMaintainerSetsAdmin() {
        ManagedUser alice = admin.setMaintainer(as(MAINTAINER), ALICE, true);

        assertThat(alice.user().maintainer()).isTrue();
        assertThat(alice.user().admin()).isTrue();
        assertThat(alice.user().projectLimit()).isNull();
        assertThat(alice.permissions().maintainer()).isTrue();
    }

    @Test
    void revokingAdminRevokesMaintainerToo() {
        ManagedUser demoted = admin.setAdmin(as(MAINTAINER), ADMIN, false);
        StoreSeeder.of(store).user("m2").maintainer();

        ManagedUser former = admin.setAdmin(as(MAINTAINER), "m2", false);

        assertThat(demoted.user().admin()).isFalse();
        assertThat(former.user().admin()).isFalse();
        assertThat(former.user().maintainer()).isFalse();
    }

    @Test
    void aMaintainerWhoIsNotAnAdminIsRefused() {
        assertRefused(() -> admin.updateUser(as(MAINTAINER), ALICE, UserUpdate.none().withAdmin(false)
                .withMaintainer(true)), Problem.Status.BAD_REQUEST, "A maintainer is always an admin");
    }

    @Test
    void nobodyMayRevokeTheirOwnAdminStatus() {
        StoreSeeder.of(store).user("m2").maintainer();

        assertRefused(() -> admin.setAdmin(as(MAINTAINER), MAINTAINER, false), Problem.Status.FORBIDDEN,
                "Cannot revoke own admin status");
        assertThat(stored(MAINTAINER).admin()).isTrue();
    }

    @Test
    void theLastActiveAdminCannotBeRevoked() {
        admin.setAdmin(as(MAINTAINER), ADMIN, false);
        StoreSeeder.of(store).user("inactive").maintainer().inactive(); // an inactive admin is no other admin
        // a maintainer by MAINTAINER_USER_ID who has no store row yet
        EffectivePermissions configured = EffectivePermissions.builder(
                new UserIdentity("configured", null, null, null, null, UserIdentity.REGULAR)).maintainer(true).build();

        assertRefused(() -> admin.setAdmin(configured, MAINTAINER, false), Problem.Status.FORBIDDEN,
                "Cannot revoke last admin - system must have at least one admin");
        assertThat(stored(MAINTAINER).admin()).isTrue();
    }

    @Test
    void theLastActiveAdminCannotBeDeactivated() {
        admin.setAdmin(as(MAINTAINER), ADMIN, false);
        // a maintainer by MAINTAINER_USER_ID who has no store row yet: nobody deactivates themselves
        EffectivePermissions configured = EffectivePermissions.builder(
                new UserIdentity("configured", null, null, null, null, UserIdentity.REGULAR)).maintainer(true).build();

        assertRefused(() -> admin.deactivateUser(configured, MAINTAINER), Problem.Status.FORBIDDEN,
                "Cannot deactivate last admin - system must have at least one admin");
        assertThat(stored(MAINTAINER).usable()).isTrue();
    }

    @Test
    void anAdminMayBeDeactivatedWhileAnotherRemains() {
        admin.deactivateUser(as(MAINTAINER), ADMIN);

        assertThat(stored(ADMIN).usable()).isFalse();
    }

    @Test
    void promotionToAdminSetsTheLimitToNull() {
        ManagedUser alice = admin.updateUser(as(MAINTAINER), ALICE, UserUpdate.none().withAdmin(true)
                .withProjectLimit(9));

        assertThat(alice.user().projectLimit()).isNull();
        assertThat(alice.permissions().projectLimit()).isNull();
    }

    @Test
    void demotionSetsTheLimitToUserProjectLimitNotThree() {
        ManagedUser demoted = admin.setAdmin(as(MAINTAINER), ADMIN, false);

        assertThat(USER_PROJECT_LIMIT).isNotEqualTo(3);
        assertThat(demoted.user().projectLimit()).isEqualTo(USER_PROJECT_LIMIT);
    }

    @Test
    void demotionTakesALimitGivenWithIt() {
        ManagedUser demoted = admin.updateUser(as(MAINTAINER), ADMIN, UserUpdate.none().withAdmin(false)
                .withProjectLimit(1));

        assertThat(demoted.user().projectLimit()).isEqualTo(1);
    }

    // ---- administration rules: project limit values

    @Test
    void aNullLimitIsRefusedForANonAdmin() {
        assertRefused(() -> admin.setProjectLimit(as(ADMIN), ALICE, null), Problem.Status.BAD_REQUEST,
                "Only admins can have unlimited project_limit (NULL)");
        assertThat(stored(ALICE).projectLimit()).isEqualTo(3);
    }

    @Test
    void aNegativeLimitIsRefused() {
        assertRefused(() -> admin.setProjectLimit(as(ADMIN), ALICE, -1), Problem.Status.BAD_REQUEST,
                "Invalid project_limit: must be non-negative integer or NULL");
    }

    @Test
    void aLimitForAnAdminIsRefused() {
        assertRefused(() -> admin.setProjectLimit(as(MAINTAINER), ADMIN, 4), Problem.Status.BAD_REQUEST,
                "Admins always have unlimited project_limit (NULL)");
        assertThat(stored(ADMIN).projectLimit()).isNull();
    }

    @Test
    void anAdminMayNotChangeTheirOwnLimit() {
        assertRefused(() -> admin.setProjectLimit(as(ADMIN), ADMIN, 10), Problem.Status.FORBIDDEN,
                "Admins cannot modify their own project limit (always unlimited)");
    }

    @Test
    void anAdminMayChangeAUsersLimitIncludingToZero() {
        assertThat(admin.setProjectLimit(as(ADMIN), ALICE, 0).user().projectLimit()).isZero();
        assertThat(admin.setProjectLimit(as(ADMIN), ALICE, 12).permissions().projectLimit()).isEqualTo(12);
    }

    @Test
    void changingAnUnknownUserIsNotFound() {
        assertRefused(() -> admin.setProjectLimit(as(ADMIN), "nobody", 1), Problem.Status.NOT_FOUND,
                "User not found");
        assertRefused(() -> admin.deactivateUser(as(ADMIN), "nobody"), Problem.Status.NOT_FOUND, "User not found");
        assertRefused(() -> admin.getUser(as(ADMIN), "nobody"), Problem.Status.NOT_FOUND, "User not found");
    }

    // ---- administration rules: deactivation

    @Test
    void deactivationIsASoftDelete() {
        admin.deactivateUser(as(ADMIN), ALICE);
        admin.deactivateUser(as(ADMIN), ALICE); // again: nothing changes

        StoredUser alice = stored(ALICE);
        assertThat(alice.active()).isFalse();
        assertThat(alice.deletedAt()).isEqualTo(NOW);
        assertThat(admin.listUsers(as(ADMIN))).extracting(u -> u.user().id()).contains(ALICE);
    }

    @Test
    void aDeactivatedUsersNextRequestIsRefusedDespiteACacheHitAMomentBefore() {
        assertThat(resolver.resolve(PlatformFixture.token(ALICE)).id()).isEqualTo(ALICE);
        assertThat(resolver.resolve(PlatformFixture.token(ALICE)).id()).as("served from the cache").isEqualTo(ALICE);

        admin.deactivateUser(as(ADMIN), ALICE);

        assertDeactivated(() -> resolver.resolve(PlatformFixture.token(ALICE)));
    }

    @Test
    void aDeactivationOnAnotherReplicaRefusesTheNextRequestHere() {
        try (PlatformManagedResolver otherReplica = new PlatformManagedResolver(settings, store)) {
            UserAdministration adminThere = new UserAdministration(settings, store, otherReplica.changeListener());
            resolver.resolve(PlatformFixture.token(ALICE));

            adminThere.deactivateUser(as(ADMIN), ALICE);

            assertDeactivated(() -> resolver.resolve(PlatformFixture.token(ALICE)));
        }
    }

    @Test
    void aChangeIsVisibleHereBeforeTheStoresFeedDeliversIt() {
        // a database feed arrives later, on its own thread: here it never arrives
        UserStore silentFeed = PlatformFixture.withFeed(store, listener -> () -> { });
        try (PlatformManagedResolver here = new PlatformManagedResolver(settings, silentFeed)) {
            UserAdministration adminHere = new UserAdministration(settings, silentFeed, here.changeListener());
            here.resolve(PlatformFixture.token(ALICE));

            adminHere.deactivateUser(as(ADMIN), ALICE);

            assertDeactivated(() -> here.resolve(PlatformFixture.token(ALICE)));
        }
    }

    @Test
    void everyChangeIsVisibleOnTheVeryNextRequest() {
        StoreSeeder.of(store).sharedProject("proj", ADMIN);
        assertThat(resolver.resolve(PlatformFixture.token(ALICE)).projects()).isEmpty();

        admin.assignMember(as(ADMIN), "proj", ALICE, true);
        assertThat(resolver.resolve(PlatformFixture.token(ALICE)).adminProjects()).containsExactly("proj");

        admin.grantKnowledgeBase(as(ADMIN), ALICE, "kb");
        assertThat(resolver.resolve(PlatformFixture.token(ALICE)).knowledgeBases()).containsExactly("kb");

        admin.setMaintainer(as(MAINTAINER), ALICE, true);
        assertThat(resolver.resolve(PlatformFixture.token(ALICE)).maintainer()).isTrue();

        admin.setAdmin(as(MAINTAINER), ALICE, false);
        EffectivePermissions demoted = resolver.resolve(PlatformFixture.token(ALICE));
        assertThat(demoted.admin()).isFalse();
        assertThat(demoted.projectLimit()).isEqualTo(USER_PROJECT_LIMIT);

        admin.revokeKnowledgeBase(as(ADMIN), ALICE, "kb");
        admin.unassignMember(as(ADMIN), "proj", ALICE);
        EffectivePermissions after = resolver.resolve(PlatformFixture.token(ALICE));
        assertThat(after.knowledgeBases()).isEmpty();
        assertThat(after.projects()).isEmpty();
    }

    private static void assertDeactivated(ThrowingCallable request) {
        assertThatThrownBy(request).isInstanceOfSatisfying(AuthenticationException.class,
                e -> assertThat(e.problem().message()).isEqualTo("Account is deactivated"));
    }

    // ---- administration rules: project membership

    @Test
    void theCreatorMayAssignMembers() {
        StoreSeeder.of(store).existingUser(BOB).creatorOf("proj");
        // the creator right does not hang on membership
        store.inTransaction(tx -> tx.projects().removeMember(BOB, "proj"));

        assertThat(admin.assignMember(as(BOB), "proj", ALICE, false))
                .isEqualTo(new ProjectMembership(ALICE, "proj", false));
    }

    @Test
    void aProjectAdminMayAssignMembers() {
        StoreSeeder.of(store).sharedProject("proj", ADMIN).user("pa").member("proj", true);

        admin.assignMember(as("pa"), "proj", ALICE, true);

        assertThat(membershipsOf(ALICE)).containsExactly(new ProjectMembership(ALICE, "proj", true));
    }

    @Test
    void anAdminMayAssignMembersOfAnyProject() {
        StoreSeeder.of(store).sharedProject("proj", BOB);

        admin.assignMember(as(ADMIN), "proj", ALICE, false);

        assertThat(membershipsOf(ALICE)).extracting(ProjectMembership::project).containsExactly("proj");
    }

    @Test
    void aPlainMemberMayNotAssignMembers() {
        StoreSeeder.of(store).sharedProject("proj", ADMIN).user("member").member("proj", false);

        assertThatThrownBy(() -> admin.assignMember(as("member"), "proj", ALICE, false))
                .isInstanceOfSatisfying(AccessDeniedException.class, e -> {
                    assertThat(e.problem().message()).isEqualTo("Access denied");
                    assertThat(e.problem().reason()).isEqualTo("not_project_admin");
                });
        assertThatThrownBy(() -> admin.unassignMember(as("member"), "proj", "member"))
                .isInstanceOf(AccessDeniedException.class);
        assertThat(membershipsOf(ALICE)).isEmpty();
    }

    @Test
    void aNonMemberIsToldTheProjectDoesNotExist() {
        StoreSeeder.of(store).sharedProject("proj", ADMIN);

        assertRefused(() -> admin.assignMember(as(BOB), "proj", BOB, false), Problem.Status.NOT_FOUND,
                "Project not found");
        assertRefused(() -> admin.assignMember(as(BOB), "no-such-project", BOB, false), Problem.Status.NOT_FOUND,
                "Project not found");
    }

    @Test
    void aDeletedProjectIsNotFound() {
        StoreSeeder.of(store).project(new Project("gone", ProjectType.SHARED, ADMIN, Instant.EPOCH, null));

        assertRefused(() -> admin.assignMember(as(ADMIN), "gone", ALICE, false), Problem.Status.NOT_FOUND,
                "Project not found");
    }

    @Test
    void projectNamesMatchExactly() {
        StoreSeeder.of(store).user("pa").creatorOf("Proj");

        assertRefused(() -> admin.assignMember(as("pa"), "proj", ALICE, false), Problem.Status.NOT_FOUND,
                "Project not found");
    }

    @Test
    void personalProjectsMembershipCannotChange() {
        StoreSeeder.of(store).project(new Project("alice@x.com", ProjectType.PERSONAL, ALICE, null, null));
        store.inTransaction(tx -> tx.projects().addMember(new ProjectMembership(ALICE, "alice@x.com", false)));

        assertRefused(() -> admin.assignMember(as(ALICE), "alice@x.com", BOB, false), Problem.Status.FORBIDDEN,
                "Cannot modify membership of a personal project");
        assertRefused(() -> admin.assignMember(as(ADMIN), "alice@x.com", BOB, false), Problem.Status.FORBIDDEN,
                "Cannot modify membership of a personal project");
        assertRefused(() -> admin.unassignMember(as(ADMIN), "alice@x.com", ALICE), Problem.Status.FORBIDDEN,
                "Cannot modify membership of a personal project");
        assertThat(membershipsOf(BOB)).isEmpty();
    }

    @Test
    void theCreatorCannotBeRemovedFromTheProject() {
        StoreSeeder.of(store).existingUser(BOB).creatorOf("proj");

        assertRefused(() -> admin.unassignMember(as(ADMIN), "proj", BOB), Problem.Status.BAD_REQUEST,
                "Cannot remove the project creator from the project");
        assertThat(membershipsOf(BOB)).containsExactly(new ProjectMembership(BOB, "proj", true));
    }

    @Test
    void assigningAMemberTwiceIsAConflict() {
        StoreSeeder.of(store).sharedProject("proj", ADMIN);
        admin.assignMember(as(ADMIN), "proj", ALICE, false);

        assertRefused(() -> admin.assignMember(as(ADMIN), "proj", ALICE, true), Problem.Status.CONFLICT,
                "User already assigned to project");
        assertThat(membershipsOf(ALICE)).containsExactly(new ProjectMembership(ALICE, "proj", false));
    }

    @Test
    void assigningAnUnknownUserIsNotFound() {
        StoreSeeder.of(store).sharedProject("proj", ADMIN);

        assertRefused(() -> admin.assignMember(as(ADMIN), "proj", "nobody", false), Problem.Status.NOT_FOUND,
                "User not found");
    }

    @Test
    void removingSomeoneWhoIsNotAMemberIsNotFound() {
        StoreSeeder.of(store).sharedProject("proj", ADMIN);

        assertRefused(() -> admin.unassignMember(as(ADMIN), "proj", ALICE), Problem.Status.NOT_FOUND,
                "User is not assigned to this project");
    }

    // ---- projects

    @Test
    void theCreatorOfASharedProjectBecomesItsProjectAdmin() {
        Project project = admin.createSharedProject(as(ALICE), "new-proj", "What we build");

        assertThat(project).isEqualTo(new Project("new-proj", ProjectType.SHARED, ALICE, null, "What we build"));
        assertThat(membershipsOf(ALICE)).containsExactly(new ProjectMembership(ALICE, "new-proj", true));
        assertThat(resolver.resolve(PlatformFixture.token(ALICE)).adminProjects()).containsExactly("new-proj");
    }

    @Test
    void aDuplicateProjectIsAConflict() {
        StoreSeeder.of(store).sharedProject("taken", BOB);

        assertRefused(() -> admin.createSharedProject(as(ALICE), "taken", "again"), Problem.Status.CONFLICT,
                "Project 'taken' already exists. Please choose a different name.");
        assertThat(membershipsOf(ALICE)).isEmpty();
    }

    @Test
    void projectNamesAndDescriptionsAreValidated() {
        assertRefused(() -> admin.createSharedProject(as(ALICE), "ab", "d"), Problem.Status.BAD_REQUEST,
                "Project name must be at least 3 characters");
        assertRefused(() -> admin.createSharedProject(as(ALICE), "a".repeat(101), "d"), Problem.Status.BAD_REQUEST,
                "Project name cannot exceed 100 characters");
        assertRefused(() -> admin.createSharedProject(as(ALICE), "-dash", "d"), Problem.Status.BAD_REQUEST,
                "Invalid project name. Must be 3-100 alphanumeric characters (underscore/hyphen allowed), cannot "
                        + "start with special character, and cannot use reserved names (admin, system, root, api, "
                        + "null, undefined, default, test, demo)");
        assertRefused(() -> admin.createSharedProject(as(ALICE), "Demo", "d"), Problem.Status.BAD_REQUEST,
                "Project name 'Demo' is reserved and cannot be used");
        assertRefused(() -> admin.createSharedProject(as(ALICE), "fine", " "), Problem.Status.BAD_REQUEST,
                "Project description is required");
        assertRefused(() -> admin.createSharedProject(as(ALICE), "fine", "d".repeat(501)), Problem.Status.BAD_REQUEST,
                "Project description cannot exceed 500 characters");
    }

    @Test
    void aDeactivatedUserCannotCreateProjects() {
        EffectivePermissions alice = as(ALICE);
        admin.deactivateUser(as(ADMIN), ALICE);

        assertThatThrownBy(() -> admin.createSharedProject(alice, "late", "d"))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("Account is deactivated");
    }

    // ---- users

    @Test
    void listsAndGetsUsersWithTheirPermissions() {
        StoreSeeder.of(store).user("zed").username("zed").member("proj", true).knowledgeBase("kb");

        List<ManagedUser> users = admin.listUsers(as(ADMIN));
        ManagedUser zed = admin.getUser(as(MAINTAINER), "zed");

        assertThat(users).extracting(u -> u.user().username()).isSorted().contains("zed", ALICE);
        assertThat(zed.permissions().adminProjects()).containsExactly("proj");
        assertThat(zed.permissions().knowledgeBases()).containsExactly("kb");
    }

    @Test
    void knowledgeBaseGrantsSayWhetherTheyChangedSomething() {
        assertThat(admin.grantKnowledgeBase(as(ADMIN), ALICE, "kb")).isTrue();
        assertThat(admin.grantKnowledgeBase(as(ADMIN), ALICE, "kb")).isFalse();
        assertThat(admin.revokeKnowledgeBase(as(ADMIN), ALICE, "kb")).isTrue();
        assertThat(admin.revokeKnowledgeBase(as(ADMIN), ALICE, "kb")).isFalse();
        assertRefused(() -> admin.grantKnowledgeBase(as(ADMIN), "nobody", "kb"), Problem.Status.NOT_FOUND,
                "User not found");
    }

    @Test
    void localUsersAreCreatedOnlyInLocalMode() {
        assertRefused(() -> admin.createLocalUser(as(ADMIN), new NewLocalUser("carol", "carol@x.com", null)),
                Problem.Status.BAD_REQUEST, "User creation only available in local auth mode");
    }

    @Test
    void createsALocalUserWithTheDefaultLimitAndAPersonalProject() {
        AuthSettings local = AuthSettings.builder().set(AuthSettings.ENABLE_USER_MANAGEMENT, true)
                .set(AuthSettings.IDP_PROVIDER, IdpProvider.LOCAL)
                .set(AuthSettings.USER_PROJECT_LIMIT, USER_PROJECT_LIMIT).addTrustedIssuer(TrustedIssuer.withJwks(
                        AuthSettings.LOCAL_ISSUER, null, URI.create("http://localhost/jwks"), ClaimPreset.KEYCLOAK))
                .build();
        UserAdministration localAdmin = new UserAdministration(local, store, resolver.changeListener());

        ManagedUser carol = localAdmin.createLocalUser(as(ADMIN), new NewLocalUser("carol", "carol@x.com", null));

        assertThat(carol.user().id()).matches("[0-9a-f-]{36}");
        assertThat(carol.user().authSource()).isEqualTo("local");
        assertThat(carol.user().projectLimit()).isEqualTo(USER_PROJECT_LIMIT);
        assertThat(carol.user().name()).isEqualTo("carol");
        assertThat(carol.permissions().projects()).containsExactly("carol@x.com");
        Optional<Project> personal = store.inTransaction(tx -> tx.projects().find("carol@x.com"));
        assertThat(personal.orElseThrow().type()).isEqualTo(ProjectType.PERSONAL);
        assertRefused(() -> localAdmin.createLocalUser(as(ADMIN), new NewLocalUser("other", "carol@x.com", null)),
                Problem.Status.CONFLICT, "Email already registered");
        assertRefused(() -> localAdmin.createLocalUser(as(ADMIN), new NewLocalUser("carol", "c2@x.com", null)),
                Problem.Status.CONFLICT, "Username already taken");
    }
}
