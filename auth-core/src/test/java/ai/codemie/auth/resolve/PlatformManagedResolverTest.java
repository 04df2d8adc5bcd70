package ai.codemie.auth.resolve;

import static ai.codemie.auth.resolve.PlatformFixture.CLOCK;
import static ai.codemie.auth.resolve.PlatformFixture.NOW;
import static ai.codemie.auth.resolve.PlatformFixture.USER_PROJECT_LIMIT;
import static ai.codemie.auth.resolve.PlatformFixture.developer;
import static ai.codemie.auth.resolve.PlatformFixture.realmRoles;
import static ai.codemie.auth.resolve.PlatformFixture.settings;
import static ai.codemie.auth.resolve.PlatformFixture.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.config.ClaimPreset;
import ai.codemie.auth.config.IdpProvider;
import ai.codemie.auth.config.TrustedIssuer;
import ai.codemie.auth.error.AccessDeniedException;
import ai.codemie.auth.error.AuthenticationException;
import ai.codemie.auth.error.AuthenticationException.BearerError;
import ai.codemie.auth.error.Problem;
import ai.codemie.auth.error.UnavailableException;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.policy.SignInGate;
import ai.codemie.auth.store.ChangeFeed;
import ai.codemie.auth.store.InMemoryUserStore;
import ai.codemie.auth.store.Project;
import ai.codemie.auth.store.ProjectMembership;
import ai.codemie.auth.store.ProjectType;
import ai.codemie.auth.store.StoreUnavailableException;
import ai.codemie.auth.store.StoredUser;
import ai.codemie.auth.store.UserStore;
import ai.codemie.auth.token.VerifiedToken;
import ai.codemie.auth.test.StoreSeeder;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PlatformManagedResolverTest {

    static final String ALICE = "0b6f5c1e-3a4d-4c2b-9f1e-2a3b4c5d6e7f";
    static final String BOB = "7d1c2b3a-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

    private final InMemoryUserStore store = new InMemoryUserStore();
    private final PlatformFixture.ManualTicker ticker = new PlatformFixture.ManualTicker();
    private final List<PlatformManagedResolver> resolvers = new ArrayList<>();

    @AfterEach
    void closeResolvers() {
        resolvers.forEach(PlatformManagedResolver::close);
    }

    private PlatformManagedResolver resolver(AuthSettings settings, UserStore userStore) {
        PlatformManagedResolver resolver = new PlatformManagedResolver(settings, userStore, new TokenClaims(settings),
                ticker, CLOCK);
        resolvers.add(resolver);
        return resolver;
    }

    private PlatformManagedResolver resolver(UnaryOperator<AuthSettings.Builder> adjust) {
        return resolver(settings(adjust), store);
    }

    private PlatformManagedResolver resolver() {
        return resolver(b -> b);
    }

    private StoredUser stored(String id) {
        return store.inTransaction(tx -> tx.users().find(id)).orElseThrow();
    }

    private List<ProjectMembership> membershipsOf(String id) {
        return store.inTransaction(tx -> tx.projects().membershipsOf(id));
    }

    private Optional<Project> project(String name) {
        return store.inTransaction(tx -> tx.projects().find(name));
    }

    // ---- first login

    @Test
    void firstLoginCreatesTheUserWithMembershipsFromTheClaims() {
        EffectivePermissions alice = resolver().resolve(developer(ALICE, "preferred_username", "alice",
                "email", "alice@x.com", "name", "Alice", "picture", "https://x.com/a.png",
                "applications", "proj-a,proj-b", "applications_admin", List.of("proj-b"),
                "knowledge_bases", "kb-1"));

        StoredUser row = stored(ALICE);
        assertThat(row.username()).isEqualTo("alice");
        assertThat(row.email()).isEqualTo("alice@x.com");
        assertThat(row.name()).isEqualTo("Alice");
        assertThat(row.picture()).isEqualTo("https://x.com/a.png");
        assertThat(row.admin()).isFalse();
        assertThat(row.maintainer()).isFalse();
        assertThat(row.projectLimit()).isEqualTo(USER_PROJECT_LIMIT);
        assertThat(row.authSource()).isEqualTo("keycloak");
        assertThat(row.lastLoginAt()).isEqualTo(NOW);
        assertThat(row.usable()).isTrue();
        assertThat(membershipsOf(ALICE)).containsExactly(
                new ProjectMembership(ALICE, "alice@x.com", false),
                new ProjectMembership(ALICE, "proj-a", false),
                new ProjectMembership(ALICE, "proj-b", true));
        assertThat(project("proj-a")).contains(new Project("proj-a", ProjectType.SHARED, null, null, null));
        assertThat(project("alice@x.com")).contains(new Project("alice@x.com", ProjectType.PERSONAL, ALICE, null,
                null));
        assertThat(alice.projects()).containsExactly("alice@x.com", "proj-a", "proj-b");
        assertThat(alice.adminProjects()).containsExactly("proj-b");
        assertThat(alice.knowledgeBases()).containsExactly("kb-1");
        assertThat(alice.projectLimit()).isEqualTo(USER_PROJECT_LIMIT);
        assertThat(alice.admin()).isFalse();
    }

    @Test
    void firstLoginKeepsProjectsNamedOnlyInApplicationsAdminAsAdminMemberships() {
        EffectivePermissions alice = resolver().resolve(developer(ALICE, "applications", "proj-a",
                "applications_admin", "proj-a,admin-only"));

        assertThat(membershipsOf(ALICE)).containsExactly(new ProjectMembership(ALICE, "proj-a", true),
                new ProjectMembership(ALICE, "admin-only", true));
        assertThat(alice.projects()).containsExactly("proj-a", "admin-only");
        assertThat(alice.adminProjects()).containsExactly("proj-a", "admin-only");
    }

    @Test
    void firstLoginIsNotBrokenByDuplicateNames() {
        EffectivePermissions alice = resolver().resolve(developer(ALICE, "email", "alice@x.com",
                "applications", List.of("alice@x.com,proj-a,proj-a", "proj-a"),
                "applications_admin", "proj-a,proj-a", "knowledge_bases", List.of("kb", "kb,kb")));

        assertThat(membershipsOf(ALICE)).containsExactly(new ProjectMembership(ALICE, "alice@x.com", false),
                new ProjectMembership(ALICE, "proj-a", true));
        assertThat(alice.knowledgeBases()).containsExactly("kb");
        assertThat(project("alice@x.com").orElseThrow().type()).isEqualTo(ProjectType.PERSONAL);
    }

    @Test
    void firstLoginDoesNotJoinAnotherUsersProjectThatCarriesTheEmailAsName() {
        StoreSeeder.of(store).sharedProject("alice@x.com", BOB);

        EffectivePermissions alice = resolver().resolve(developer(ALICE, "email", "alice@x.com"));

        assertThat(alice.projects()).isEmpty();
        assertThat(project("alice@x.com").orElseThrow().createdBy()).isEqualTo(BOB);
    }

    @Test
    void firstLoginKeepsKnownProjectsAsTheyAre() {
        StoreSeeder.of(store).sharedProject("proj-a", BOB);

        resolver().resolve(developer(ALICE, "applications", "proj-a"));

        assertThat(project("proj-a").orElseThrow().createdBy()).isEqualTo(BOB);
        assertThat(membershipsOf(ALICE)).containsExactly(new ProjectMembership(ALICE, "proj-a", false));
    }

    @Test
    void firstLoginMakesHoldersOfTheAdminRoleAdminsWithoutLimit() {
        EffectivePermissions alice = resolver().resolve(token(ALICE, "realm_access", realmRoles("admin")));

        assertThat(stored(ALICE).admin()).isTrue();
        assertThat(stored(ALICE).maintainer()).isFalse();
        assertThat(stored(ALICE).projectLimit()).isNull();
        assertThat(alice.admin()).isTrue();
        assertThat(alice.roles()).containsExactly("admin");
    }

    @Test
    void firstLoginMakesTheAdminUserIdAnAdmin() {
        resolver(b -> b.set(AuthSettings.ADMIN_USER_ID, ALICE)).resolve(token(ALICE));

        assertThat(stored(ALICE).admin()).isTrue();
        assertThat(stored(ALICE).projectLimit()).isNull();
    }

    @Test
    void firstLoginCreatesTheMaintainerUserIdAsAdminAndMaintainer() {
        EffectivePermissions alice = resolver(b -> b.set(AuthSettings.MAINTAINER_USER_ID, ALICE)).resolve(token(ALICE));

        StoredUser row = stored(ALICE);
        assertThat(row.admin()).isTrue();
        assertThat(row.maintainer()).isTrue();
        assertThat(row.projectLimit()).isNull();
        assertThat(alice.maintainer()).isTrue();
    }

    @Test
    void firstLoginDoesNotMakeMaintainersFromTheMaintainerRole() {
        resolver(b -> b.set(AuthSettings.MAINTAINER_ROLE_NAME, "maintainer"))
                .resolve(token(ALICE, "realm_access", realmRoles("developer", "maintainer")));

        assertThat(stored(ALICE).maintainer()).isFalse();
    }

    @Test
    void firstLoginRefusedByTheSignInGateCreatesNothing() {
        PlatformManagedResolver resolver = resolver();

        assertThatThrownBy(() -> resolver.resolve(token(ALICE, "email", "alice@x.com", "applications", "proj-a")))
                .isInstanceOfSatisfying(AccessDeniedException.class, e -> {
                    assertThat(e.problem().message()).isEqualTo("Access denied");
                    assertThat(e.problem().details()).isEqualTo(SignInGate.DETAILS);
                    assertThat(e.problem().help()).isEqualTo(SignInGate.HELP);
                });
        assertThat(StoreSeeder.of(store).userCount()).isZero();
        assertThat(project("proj-a")).isEmpty();
        assertThat(project("alice@x.com")).isEmpty();
    }

    @Test
    void firstLoginPassesTheSignInGateWhenItIsSwitchedOff() {
        resolver(b -> b.set(AuthSettings.SIGN_IN_GATE, false)).resolve(token(ALICE));

        assertThat(StoreSeeder.of(store).userCount()).isEqualTo(1);
    }

    @Test
    void theSignInGateDoesNotApplyAfterTheFirstLogin() {
        StoreSeeder.of(store).user(ALICE).member("proj-a", false);

        EffectivePermissions alice = resolver().resolve(token(ALICE));

        assertThat(alice.projects()).containsExactly("proj-a");
    }

    @Test
    void concurrentFirstRequestsOfOneUserCreateOneUserWithOneSetOfMemberships() throws Exception {
        PlatformManagedResolver shared = resolver();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            for (int round = 0; round < 20; round++) {
                String id = UUID.randomUUID().toString();
                VerifiedToken token = developer(id, "email", id + "@x.com", "applications", "proj-a,proj-b",
                        "applications_admin", "proj-c");
                // half the requests share one process's resolver, the others each come from their own replica
                List<PlatformManagedResolver> replicas = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    replicas.add(i % 2 == 0 ? shared : resolver(settings(), store));
                }
                List<EffectivePermissions> results = runTogether(pool, replicas, r -> r.resolve(token));

                assertThat(results).allSatisfy(p -> assertThat(p).isEqualTo(results.get(0)));
                assertThat(results.get(0).projects()).containsExactly(id + "@x.com", "proj-a", "proj-b", "proj-c");
                assertThat(membershipsOf(id)).hasSize(4);
                assertThat(StoreSeeder.of(store).allMemberships()).filteredOn(m -> m.userId().equals(id)).hasSize(4);
                replicas.stream().filter(r -> r != shared).forEach(PlatformManagedResolver::close);
            }
            assertThat(StoreSeeder.of(store).userCount()).isEqualTo(20);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- later logins

    @Test
    void laterLoginsRefreshOnlyEmailNameAndPicture() {
        StoreSeeder.of(store).user(ALICE).email("old@x.com").name("Old").projectLimit(2).member("proj-a", false)
                .knowledgeBase("kb-1");

        EffectivePermissions alice = resolver().resolve(token(ALICE, "realm_access", realmRoles("admin"),
                "email", "new@x.com", "name", "New", "picture", "https://x.com/p.png", "user_type", "external",
                "applications", "proj-b", "applications_admin", "proj-a", "knowledge_bases", "kb-2"));

        StoredUser row = stored(ALICE);
        assertThat(row.email()).isEqualTo("new@x.com");
        assertThat(row.name()).isEqualTo("New");
        assertThat(row.picture()).isEqualTo("https://x.com/p.png");
        assertThat(row.lastLoginAt()).isEqualTo(NOW);
        assertThat(row.admin()).isFalse();
        assertThat(row.userType()).isEqualTo("regular");
        assertThat(row.projectLimit()).isEqualTo(2);
        assertThat(membershipsOf(ALICE)).containsExactly(new ProjectMembership(ALICE, "proj-a", false));
        assertThat(alice.admin()).isFalse();
        assertThat(alice.roles()).isEmpty();
        assertThat(alice.external()).isFalse();
        assertThat(alice.knowledgeBases()).containsExactly("kb-1");
        assertThat(alice.identity().email()).isEqualTo("new@x.com");
    }

    @Test
    void laterLoginsKeepAnEmailThatAnotherUserHolds() {
        StoreSeeder.of(store).user(ALICE).email("alice@x.com").user(BOB).email("bob@x.com");

        EffectivePermissions alice = resolver().resolve(token(ALICE, "email", "bob@x.com", "name", "Alice"));

        assertThat(stored(ALICE).email()).isEqualTo("alice@x.com");
        assertThat(stored(ALICE).name()).isEqualTo("Alice");
        assertThat(alice.identity().email()).isEqualTo("alice@x.com");
    }

    @Test
    void projectsListEveryMembershipAndAdminProjectsTheAdministeredOnes() {
        StoreSeeder.of(store).project(new Project("alice@x.com", ProjectType.PERSONAL, ALICE, null, null))
                .user(ALICE).member("alice@x.com", false).member("plain", false).member("managed", true);

        EffectivePermissions alice = resolver().resolve(token(ALICE));

        assertThat(alice.projects()).containsExactly("alice@x.com", "plain", "managed");
        assertThat(alice.adminProjects()).containsExactly("managed");
        assertThat(alice.currentProject()).isEqualTo("alice@x.com");
    }

    @Test
    void rolesAndFlagsComeFromTheStore() {
        StoreSeeder.of(store).user(ALICE).maintainer().external();

        EffectivePermissions alice = resolver(b -> b.set(AuthSettings.MAINTAINER_ROLE_NAME,
                "maintainer")).resolve(token(ALICE));

        assertThat(alice.admin()).isTrue();
        assertThat(alice.maintainer()).isTrue();
        assertThat(alice.external()).isTrue();
        assertThat(alice.roles()).containsExactly("admin", "maintainer");
        assertThat(alice.projectLimit()).isNull();
    }

    @Test
    void configuredAdminAndMaintainerIdsAlwaysCount() {
        StoreSeeder.of(store).user(ALICE).user(BOB);

        PlatformManagedResolver resolver = resolver(b -> b.set(AuthSettings.ADMIN_USER_ID, ALICE)
                .set(AuthSettings.MAINTAINER_USER_ID, BOB));

        assertThat(resolver.resolve(token(ALICE)).admin()).isTrue();
        assertThat(resolver.resolve(token(BOB)).maintainer()).isTrue();
        assertThat(resolver.resolve(token(BOB)).admin()).isTrue();
    }

    @Test
    void refusesAnInactiveUser() {
        StoreSeeder.of(store).user(ALICE).inactive();

        assertDeactivated(() -> resolver().resolve(token(ALICE)));
    }

    @Test
    void refusesADeletedUser() {
        StoreSeeder.of(store).user(ALICE);
        store.inTransaction(tx -> {
            tx.users().update(tx.users().find(ALICE).orElseThrow().deactivated(Instant.EPOCH));
            return null;
        });

        assertDeactivated(() -> resolver().resolve(token(ALICE)));
    }

    static void assertDeactivated(Runnable request) {
        assertThatThrownBy(request::run).isInstanceOfSatisfying(AuthenticationException.class, e -> {
            assertThat(e.problem().status()).isEqualTo(Problem.Status.UNAUTHENTICATED);
            assertThat(e.problem().message()).isEqualTo("Account is deactivated");
            assertThat(e.bearerError()).isEqualTo(BearerError.INVALID_TOKEN);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"0B6F5C1E-3A4D-4C2B-9F1E-2A3B4C5D6E7F", "0b6f5c1e3a4d4c2b9f1e2a3b4c5d6e7f",
            "{0b6f5c1e-3a4d-4c2b-9f1e-2a3b4c5d6e7f}", "0b6f5c1e-3a4d-4c2b-9f1e-2a3b4c5d6e7f ", "alice",
            "0b6f5c1e-3a4d-4c2b-9f1e-2a3b4c5d6e7", "0b6f5c1e-3a4d-4c2b-9f1e-2a3b4c5d6e7f\n"})
    void refusesASubjectThatIsNotACanonicalLowerCaseUuid(String subject) {
        PlatformManagedResolver resolver = resolver();

        assertThatThrownBy(() -> resolver.resolve(developer(subject)))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.problem().message()).isEqualTo("Invalid subject");
                    assertThat(e.bearerError()).isEqualTo(BearerError.INVALID_TOKEN);
                });
        assertThat(StoreSeeder.of(store).userCount()).isZero();
    }

    @Test
    void localModeRefusesAnUnknownSubjectAndCreatesNothing() {
        TrustedIssuer local = TrustedIssuer.withJwks(AuthSettings.LOCAL_ISSUER, null,
                URI.create("http://localhost:8080/jwks"), ClaimPreset.KEYCLOAK);
        AuthSettings settings = AuthSettings.builder().set(AuthSettings.ENABLE_USER_MANAGEMENT, true)
                .set(AuthSettings.IDP_PROVIDER, IdpProvider.LOCAL)
                .addTrustedIssuer(local).build();
        PlatformManagedResolver resolver = resolver(settings, store);
        VerifiedToken unknown = new VerifiedToken(local, Map.of("iss", AuthSettings.LOCAL_ISSUER, "sub", ALICE,
                "email", "alice@x.com", "auth_source", "local"), NOW.plusSeconds(60));

        assertThatThrownBy(() -> resolver.resolve(unknown)).isInstanceOfSatisfying(AuthenticationException.class,
                e -> {
                    assertThat(e.problem().message()).isEqualTo("Invalid credentials");
                    assertThat(e.problem().details()).contains("created by an administrator");
                    assertThat(e.problem().help()).contains("MAINTAINER_USER_ID");
                    assertThat(e.bearerError()).isEqualTo(AuthenticationException.BearerError.INVALID_TOKEN);
                });
        assertThat(StoreSeeder.of(store).userCount()).isZero();

        StoreSeeder.of(store).user(ALICE).email("alice@x.com");
        assertThat(resolver.resolve(unknown).id()).isEqualTo(ALICE);
    }

    @Test
    void localModeCreatesTheMaintainerUserIdAtItsFirstLogin() {
        // MAINTAINER_USER_ID is how the first maintainer exists without SQL, local sign-in included
        TrustedIssuer local = TrustedIssuer.withJwks(AuthSettings.LOCAL_ISSUER, null,
                URI.create("http://localhost:8080/jwks"), ClaimPreset.KEYCLOAK);
        AuthSettings settings = AuthSettings.builder().set(AuthSettings.ENABLE_USER_MANAGEMENT, true)
                .set(AuthSettings.IDP_PROVIDER, IdpProvider.LOCAL)
                .addTrustedIssuer(local).set(AuthSettings.MAINTAINER_USER_ID, ALICE).build();
        PlatformManagedResolver resolver = resolver(settings, store);
        VerifiedToken maintainer = new VerifiedToken(local, Map.of("iss", AuthSettings.LOCAL_ISSUER, "sub", ALICE,
                "email", "alice@x.com", "auth_source", "local"), NOW.plusSeconds(60));
        VerifiedToken other = new VerifiedToken(local, Map.of("iss", AuthSettings.LOCAL_ISSUER, "sub", BOB,
                "email", "bob@x.com", "auth_source", "local"), NOW.plusSeconds(60));

        assertThat(resolver.resolve(maintainer).maintainer()).isTrue();
        assertThat(stored(ALICE).authSource()).isEqualTo("local");
        assertThatThrownBy(() -> resolver.resolve(other)).isInstanceOfSatisfying(AuthenticationException.class,
                e -> assertThat(e.problem().message()).isEqualTo("Invalid credentials"));
        assertThat(StoreSeeder.of(store).userCount()).isEqualTo(1);
    }

    @Test
    void aStoreOutageIsUnavailableNeverAnAnswer() {
        UserStore down = new UserStore() {
            @Override
            public <T> T inTransaction(StoreWork<T> work) {
                throw new StoreUnavailableException(new SQLException("connection refused"));
            }

            @Override
            public ChangeFeed changeFeed() {
                return listener -> () -> { };
            }
        };

        assertThatThrownBy(() -> resolver(settings(), down).resolve(developer(ALICE)))
                .isInstanceOfSatisfying(UnavailableException.class,
                        e -> assertThat(e.problem().status()).isEqualTo(Problem.Status.UNAVAILABLE));
    }

    // ---- caching: changes are seen on the next request

    @Test
    void servesCachedPermissionsUntilTheStoreAnnouncesTheChange() {
        StoreSeeder.of(store).user(ALICE);
        PlatformManagedResolver resolver = resolver();
        assertThat(resolver.resolve(token(ALICE)).admin()).isFalse();

        store.inTransaction(tx -> tx.projects().addMember(new ProjectMembership(ALICE, "silent", false)));
        assertThat(resolver.resolve(token(ALICE)).projects()).as("cached").isEmpty();

        StoreSeeder.of(store).user(BOB).user(ALICE + "-x"); // changes of other users keep Alice's entry
        assertThat(resolver.resolve(token(ALICE)).projects()).isEmpty();

        store.inTransaction(tx -> {
            tx.publishChange(ALICE);
            return null;
        });
        assertThat(resolver.resolve(token(ALICE)).projects()).containsExactly("silent");
    }

    @Test
    void cachedPermissionsExpireAfterTheirTimeToLive() {
        StoreSeeder.of(store).user(ALICE);
        PlatformManagedResolver resolver = resolver(b -> b.set(AuthSettings.PERMISSION_CACHE_TTL_SECONDS, Duration.ofSeconds(30)));
        resolver.resolve(token(ALICE));
        store.inTransaction(tx -> tx.projects().addMember(new ProjectMembership(ALICE, "silent", false)));

        ticker.advance(Duration.ofSeconds(29));
        assertThat(resolver.resolve(token(ALICE)).projects()).isEmpty();
        ticker.advance(Duration.ofSeconds(2));
        assertThat(resolver.resolve(token(ALICE)).projects()).containsExactly("silent");
    }

    @Test
    void aWriteThatAnnouncesNothingIsSeenOnceTheDefaultTimeToLiveOfAtMostThirtySecondsPasses() {
        // finding 4: writes made outside the library reach a replica only when its cached entry expires
        Duration ttl = settings().get(AuthSettings.PERMISSION_CACHE_TTL_SECONDS);
        assertThat(ttl).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(30));
        StoreSeeder.of(store).user(ALICE);
        PlatformManagedResolver resolver = resolver();
        resolver.resolve(token(ALICE));
        store.inTransaction(tx -> {
            tx.users().update(tx.users().find(ALICE).orElseThrow().deactivated(NOW));
            return null;
        });

        ticker.advance(ttl.minusNanos(1));
        assertThat(resolver.resolve(token(ALICE)).id()).as("stale until the time to live ends").isEqualTo(ALICE);
        ticker.advance(Duration.ofNanos(1));
        assertDeactivated(() -> resolver.resolve(token(ALICE)));
    }

    @Test
    void aCachedUserIsStillRefusedATokenWithAnInvalidUserType() {
        StoreSeeder.of(store).user(ALICE);
        PlatformManagedResolver resolver = resolver();
        resolver.resolve(token(ALICE));

        assertThatThrownBy(() -> resolver.resolve(token(ALICE, "user_type", "contractor")))
                .isInstanceOfSatisfying(AuthenticationException.class,
                        e -> assertThat(e.problem().message()).startsWith("Invalid user_type"));
    }

    @Test
    void aCachedRequestServesTheStoresPermissionsNotTheTokensClaims() {
        StoreSeeder.of(store).user(ALICE);
        PlatformManagedResolver resolver = resolver();
        resolver.resolve(token(ALICE));

        EffectivePermissions cached = resolver.resolve(token(ALICE, "realm_access", realmRoles("admin"),
                "applications", "proj-claimed"));

        assertThat(cached.admin()).isFalse();
        assertThat(cached.projects()).doesNotContain("proj-claimed");
    }

    @Test
    void aResolverWithItsOwnClaimsFunctionServesCachedPermissions() {
        StoreSeeder.of(store).user(ALICE);
        AuthSettings settings = settings();
        TokenClaims tokenClaims = new TokenClaims(settings);
        AtomicInteger applied = new AtomicInteger();
        PlatformManagedResolver resolver = new PlatformManagedResolver(settings, store, token -> {
            applied.incrementAndGet();
            return tokenClaims.apply(token);
        }, ticker, CLOCK);
        resolvers.add(resolver);
        EffectivePermissions first = resolver.resolve(token(ALICE));

        assertThat(resolver.resolve(token(ALICE))).isSameAs(first);
        assertThat(applied).hasValue(3); // the identity of each request, and the claims of the one miss
    }

    @Test
    void aTokenWithAnotherProfileRefreshesTheStoreDespiteTheCache() {
        StoreSeeder.of(store).user(ALICE).name("Alice");
        PlatformManagedResolver resolver = resolver();
        resolver.resolve(token(ALICE, "name", "Alice"));

        EffectivePermissions renamed = resolver.resolve(token(ALICE, "name", "Alice Smith"));

        assertThat(renamed.identity().name()).isEqualTo("Alice Smith");
        assertThat(stored(ALICE).name()).isEqualTo("Alice Smith");
    }

    @Test
    void anAnnouncementThatChangesMayHaveBeenMissedDropsEveryEntry() {
        StoreSeeder.of(store).user(ALICE).user(BOB);
        List<ChangeFeed.ChangeListener> listeners = new ArrayList<>();
        UserStore withFeed = PlatformFixture.withFeed(store, listener -> {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        });
        PlatformManagedResolver resolver = resolver(settings(), withFeed);
        resolver.resolve(token(ALICE));
        resolver.resolve(token(BOB));
        store.inTransaction(tx -> tx.projects().addMember(new ProjectMembership(ALICE, "silent-a", false))
                && tx.projects().addMember(new ProjectMembership(BOB, "silent-b", false)));
        assertThat(resolver.resolve(token(ALICE)).projects()).isEmpty();

        listeners.forEach(ChangeFeed.ChangeListener::everythingChanged);

        assertThat(resolver.resolve(token(ALICE)).projects()).containsExactly("silent-a");
        assertThat(resolver.resolve(token(BOB)).projects()).containsExactly("silent-b");

        resolver.close();
        assertThat(listeners).isEmpty();
    }

    @Test
    void readsTheStoreOnEveryRequestWhenCachingIsOff() {
        StoreSeeder.of(store).user(ALICE);
        PlatformManagedResolver resolver = resolver(b -> b.set(AuthSettings.PERMISSION_CACHE_SIZE, 0));
        resolver.resolve(token(ALICE));
        store.inTransaction(tx -> tx.projects().addMember(new ProjectMembership(ALICE, "silent", false)));

        assertThat(resolver.resolve(token(ALICE)).projects()).containsExactly("silent");
    }

    /** Runs the call for every target at once, from the pool's threads, and returns the answers in order. */
    static <T, R> List<R> runTogether(ExecutorService pool, List<T> targets,
            java.util.function.Function<T, R> call) throws Exception {
        CountDownLatch ready = new CountDownLatch(targets.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<R>> futures = new ArrayList<>();
        for (T target : targets) {
            futures.add(pool.submit(() -> {
                ready.countDown();
                go.await();
                return call.apply(target);
            }));
        }
        assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
        go.countDown();
        List<R> results = new ArrayList<>();
        for (Future<R> future : futures) {
            results.add(future.get(30, TimeUnit.SECONDS));
        }
        return results;
    }
}
