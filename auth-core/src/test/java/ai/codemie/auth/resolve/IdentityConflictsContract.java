package ai.codemie.auth.resolve;

import static ai.codemie.auth.resolve.PlatformFixture.developer;
import static ai.codemie.auth.resolve.PlatformFixture.realmRoles;
import static ai.codemie.auth.resolve.PlatformFixture.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.LogCapture;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.error.AuthenticationException;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.store.Project;
import ai.codemie.auth.store.ProjectMembership;
import ai.codemie.auth.store.StoreTransaction;
import ai.codemie.auth.store.StoredUser;
import ai.codemie.auth.store.UserStore;
import ai.codemie.auth.token.VerifiedToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Finding 6, first-login identity conflicts: the subject is the identity, so an e-mail or user name that another
 * user holds never locks a subject out; a new e-mail frees the old one; an unverified e-mail and every collision are
 * logged with both users. Each store runs these rules by extending this class (published in auth-core's test jar),
 * the database ones where its unique indexes enforce them.
 */
public abstract class IdentityConflictsContract {

    private static final AuthSettings SETTINGS = PlatformFixture.settings();

    private UserStore store;
    private final List<PlatformManagedResolver> resolvers = new ArrayList<>();
    private PlatformManagedResolver resolver;

    /** A new, empty store for one test; closed after the test when it is {@link AutoCloseable}. */
    protected abstract UserStore createEmptyStore() throws Exception;

    @BeforeEach
    final void openStore() throws Exception {
        store = createEmptyStore();
        resolver = newResolver();
    }

    @AfterEach
    final void closeStore() throws Exception {
        resolvers.forEach(PlatformManagedResolver::close);
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    @Test
    void aFirstLoginWithAnEmailAnotherSubjectHoldsGetsInWithoutItAndNothingOfTheHolders() {
        String holder = newId();
        resolver.resolve(token(holder, "realm_access", realmRoles("admin"), "preferred_username", "alice",
                "email", "alice@x.com", "email_verified", true, "applications", "secret-project"));
        String newcomer = newId();

        EffectivePermissions signedIn;
        try (LogCapture log = LogCapture.start()) {
            signedIn = resolver.resolve(developer(newcomer, "preferred_username", "alice-2", "email", "alice@x.com",
                    "email_verified", true, "applications", "proj-a"));

            assertThat(log.lines("First login of user " + newcomer, "'alice@x.com' belongs to user " + holder,
                    "created without an e-mail", "takes it at its next sign-in")).hasSize(1);
        }

        assertThat(signedIn.id()).isEqualTo(newcomer);
        assertThat(signedIn.admin()).isFalse();
        assertThat(signedIn.projects()).containsExactly("proj-a");
        assertThat(user(newcomer).email()).isNull();
        assertThat(user(newcomer).username()).isEqualTo("alice-2");
        assertThat(user(holder).email()).isEqualTo("alice@x.com");
        assertThat(project("alice@x.com").map(Project::createdBy)).contains(holder);
    }

    @Test
    void aFirstLoginWhoseUserNameIsTakenGetsItsEmailOrElseItsSubjectAsUserName() {
        String first = newId();
        String second = newId();
        String third = newId();
        resolver.resolve(developer(first, "preferred_username", "alice", "email", "first@x.com"));

        try (LogCapture log = LogCapture.start()) {
            resolver.resolve(developer(second, "preferred_username", "alice", "email", "second@x.com"));
            resolver.resolve(developer(third, "preferred_username", "alice", "email", "second@x.com"));

            assertThat(log.lines("First login of user " + second, "user name 'alice' belongs to user " + first,
                    "created with user name 'second@x.com'")).hasSize(1);
            assertThat(log.lines("First login of user " + third, "'second@x.com' belongs to user " + second))
                    .hasSize(1);
            assertThat(log.lines("First login of user " + third, "user name 'alice' belongs to user " + first,
                    "created with user name '" + third + "'")).hasSize(1);
        }
        assertThat(user(second).username()).isEqualTo("second@x.com");
        assertThat(user(third).username()).isEqualTo(third);
        assertThat(user(third).email()).isNull();
    }

    @Test
    void aNewEmailFreesTheOldOneAndTheUserNameThatWasItForTheirNextOwner() {
        String mover = newId();
        resolver.resolve(developer(mover, "email", "old@x.com")); // no preferred_username: the e-mail is the user name
        assertThat(user(mover).username()).isEqualTo("old@x.com");

        resolver.resolve(developer(mover, "email", "new@x.com"));
        String heir = newId();
        EffectivePermissions heirSignedIn = resolver.resolve(developer(heir, "email", "old@x.com",
                "applications", "old@x.com,proj-a"));

        assertThat(user(mover).email()).isEqualTo("new@x.com");
        assertThat(user(mover).username()).isEqualTo("new@x.com");
        assertThat(user(heir).email()).isEqualTo("old@x.com");
        assertThat(user(heir).username()).isEqualTo("old@x.com");
        // the personal project stays its owner's: the new holder of the address neither gets nor joins it
        assertThat(project("old@x.com").map(Project::createdBy)).contains(mover);
        assertThat(heirSignedIn.projects()).containsExactly("proj-a");
        assertThat(memberships(mover)).extracting(ProjectMembership::project).containsExactly("old@x.com");
    }

    @Test
    void aLaterLoginWithAnEmailAnotherUserHoldsKeepsItsOwnAndLogsTheCollisionOnce() {
        PlatformManagedResolver uncached = newResolver(PlatformFixture.settings(b -> b
                .set(AuthSettings.PERMISSION_CACHE_SIZE, 0)));
        String holder = newId();
        String other = newId();
        uncached.resolve(developer(holder, "email", "taken@x.com"));
        uncached.resolve(developer(other, "email", "mine@x.com"));

        try (LogCapture log = LogCapture.start()) {
            for (int i = 0; i < 3; i++) {
                assertThat(uncached.resolve(developer(other, "email", "taken@x.com")).identity().email())
                        .isEqualTo("mine@x.com");
            }

            assertThat(log.lines("User " + other + " keeps its e-mail 'mine@x.com'", "belongs to user " + holder))
                    .hasSize(1);
        }
    }

    @Test
    void anEmailTakenWithoutEmailVerifiedTrueIsLoggedAndAVerifiedOneIsNot() {
        String verified = newId();
        String unverified = newId();
        String stringly = newId();
        String absent = newId();
        try (LogCapture log = LogCapture.start()) {
            resolver.resolve(developer(verified, "email", "v@x.com", "email_verified", true));
            resolver.resolve(developer(unverified, "email", "u@x.com", "email_verified", false));
            resolver.resolve(developer(stringly, "email", "s@x.com", "email_verified", "true"));
            resolver.resolve(developer(absent, "email", "a@x.com"));

            assertThat(log.lines("does not mark as verified")).hasSize(3);
            assertThat(log.lines("First login of user " + verified)).isEmpty();
            for (String id : List.of(unverified, stringly, absent)) {
                assertThat(log.lines("First login of user " + id + " took the e-mail", "does not mark as verified",
                        PlatformFixture.KEYCLOAK.issuer())).hasSize(1);
            }
        }
        // taken all the same, as the platform does: whoever signs in with it later gets in without it
        assertThat(user(absent).email()).isEqualTo("a@x.com");
    }

    @Test
    void aFirstLoginIsRefusedOnlyWhenEveryUserNameItCouldHaveIsTakenAndThenWritesNothing() {
        String newcomer = newId();
        resolver.resolve(developer(newId(), "preferred_username", "alice", "email", "one@x.com"));
        resolver.resolve(developer(newId(), "preferred_username", "two@x.com", "email", "two@x.com"));
        resolver.resolve(developer(newId(), "preferred_username", newcomer, "email", "three@x.com"));
        VerifiedToken token = developer(newcomer, "preferred_username", "alice", "email", "two@x.com",
                "applications", "never-created");

        try (LogCapture log = LogCapture.start()) {
            // the e-mail is taken, so it is not a user name candidate either: alice, then the subject
            assertThatThrownBy(() -> resolver.resolve(token)).isInstanceOfSatisfying(AuthenticationException.class,
                    e -> assertThat(e.problem().message()).isEqualTo("Account conflicts with an existing user"));

            assertThat(log.lines("First login of user " + newcomer + " refused", "users.username")).hasSize(1);
        }
        assertThat(store.inTransaction((StoreTransaction tx) -> tx.users().find(newcomer))).isEmpty();
        assertThat(project("never-created")).isEmpty();
    }

    @Test
    void concurrentFirstLoginsOfSubjectsSharingAnEmailAllGetInAndOneHoldsIt() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 5; round++) {
                String name = "shared-" + round;
                String email = name + "@x.com";
                List<String> subjects = IntStream.range(0, 8).mapToObj(i -> newId()).toList();
                List<PlatformManagedResolver> replicas = subjects.stream().map(s -> newResolver()).toList();

                List<EffectivePermissions> signedIn = PlatformManagedResolverTest.runTogether(pool,
                        IntStream.range(0, 8).boxed().toList(), i -> replicas.get(i).resolve(developer(
                                subjects.get(i), "preferred_username", name, "email", email)));

                assertThat(signedIn).extracting(EffectivePermissions::id).containsExactlyElementsOf(subjects);
                List<StoredUser> users = subjects.stream().map(this::user).toList();
                assertThat(users).filteredOn(u -> email.equals(u.email())).hasSize(1);
                assertThat(users).extracting(StoredUser::username).doesNotHaveDuplicates();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- helpers

    private PlatformManagedResolver newResolver() {
        return newResolver(SETTINGS);
    }

    private PlatformManagedResolver newResolver(AuthSettings settings) {
        PlatformManagedResolver created = PlatformFixture.resolver(settings, store,
                new PlatformFixture.ManualTicker());
        resolvers.add(created);
        return created;
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private StoredUser user(String id) {
        return store.inTransaction((StoreTransaction tx) -> tx.users().find(id)).orElseThrow();
    }

    private Optional<Project> project(String name) {
        return store.inTransaction((StoreTransaction tx) -> tx.projects().find(name));
    }

    private List<ProjectMembership> memberships(String id) {
        return store.inTransaction((StoreTransaction tx) -> tx.projects().membershipsOf(id));
    }
}
