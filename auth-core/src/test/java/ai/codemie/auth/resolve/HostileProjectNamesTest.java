package ai.codemie.auth.resolve;

import static ai.codemie.auth.resolve.PlatformFixture.developer;
import static ai.codemie.auth.resolve.PlatformManagedResolverTest.ALICE;
import static ai.codemie.auth.resolve.PlatformManagedResolverTest.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.LogCapture;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.store.InMemoryUserStore;
import ai.codemie.auth.store.Project;
import ai.codemie.auth.store.ProjectMembership;
import ai.codemie.auth.store.ProjectType;
import ai.codemie.auth.store.StoreTransaction;
import ai.codemie.auth.store.StoredUser;
import ai.codemie.auth.test.StoreSeeder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Finding 8 (project names): names from an identity provider's claims are created as projects as the provider wrote
 * them unless they are hostile (path-like, invisible characters, too long for the store); those are left out with a
 * warning, the login goes on.
 */
class HostileProjectNamesTest {

    private final InMemoryUserStore store = new InMemoryUserStore();
    private final PlatformManagedResolver resolver = PlatformFixture.resolver(store);

    @Test
    void aFirstLoginLeavesOutHostileProjectNamesAndKeepsTheOthersAsTheProviderWroteThem() {
        List<String> hostile = List.of("../admin", "..", " ", "proj\u200ba", "\ufeffproj-a", "proj\u202ea",
                "proj\u0000a", "x".repeat(256), "proj/../../etc", "a\\b");
        List<String> kept = List.of("admin", "DEMO", "ab", "-lead", "team alpha", "p".repeat(101), "codemie.ai");
        try (LogCapture log = LogCapture.start()) {
            EffectivePermissions alice = resolver.resolve(developer(ALICE,
                    "applications", List.of(String.join(",", hostile), String.join(",", kept), "proj-a"),
                    "applications_admin", List.of("../root", "Team_B")));

            assertThat(alice.projects()).containsExactlyElementsOf(
                    concat(kept, List.of("proj-a", "Team_B")));
            assertThat(alice.adminProjects()).containsExactly("Team_B");
            assertThat(log.lines("Not adding user " + ALICE + " to project", "listed by the identity provider"))
                    .hasSize(hostile.size() - 1 + 1); // the blank part is dropped by the list parser already
            assertThat(log.lines("'proj\\u200ba'", "invisible formatting character")).hasSize(1);
            assertThat(log.lines("'proj\\u0000a'", "the name contains the character U+0000")).hasSize(1);
            assertThat(log.lines("'../admin'", "path separator")).hasSize(1);
        }
        for (String name : hostile) {
            assertThat(store.inTransaction((StoreTransaction tx) -> tx.projects().find(name))).as(name).isEmpty();
        }
        assertThat(store.inTransaction((StoreTransaction tx) -> tx.projects().find("../root"))).isEmpty();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }

    @Test
    void projectsTheStoreAlreadyHasAreJoinedWhateverTheirNames() {
        StoreSeeder.of(store).sharedProject("Team Alpha", null).sharedProject("demo", BOB);

        EffectivePermissions alice = resolver.resolve(developer(ALICE, "applications", "Team Alpha,demo"));

        assertThat(alice.projects()).containsExactly("Team Alpha", "demo");
    }

    @Test
    void aClaimNamingAnotherUsersPersonalProjectDoesNotJoinIt() {
        StoreSeeder.of(store).project(new Project("bob@x.com", ProjectType.PERSONAL, BOB, null, null))
                .user(BOB).email("bob@x.com").member("bob@x.com", false);

        EffectivePermissions alice = resolver.resolve(developer(ALICE, "email", "alice@x.com",
                "applications", "alice@x.com,bob@x.com"));

        assertThat(alice.projects()).containsExactly("alice@x.com");
        assertThat(store.inTransaction((StoreTransaction tx) -> tx.projects().members("bob@x.com")))
                .extracting(ProjectMembership::userId).containsExactly(BOB);
    }

    @Test
    void knowledgeBasesTheStoreCannotHoldAreLeftOut() {
        EffectivePermissions alice = resolver.resolve(developer(ALICE,
                "knowledge_bases", List.of("kb-1", "kb\u0000", "k".repeat(256))));

        assertThat(alice.knowledgeBases()).containsExactly("kb-1");
    }

    @Test
    void provisioningAppliesTheSameRulesToEveryCaller() {
        StoredUser imported = StoredUser.builder(ALICE, "alice").email("alice@x.com").projectLimit(3)
                .authSource("keycloak").build();

        store.inTransaction(tx -> UserProvisioning.provision(tx, imported,
                List.of(new ProjectMembership(ALICE, "../admin", true), new ProjectMembership(ALICE, "proj-a", true)),
                List.of("kb\n")));

        assertThat(store.inTransaction((StoreTransaction tx) -> tx.projects().membershipsOf(ALICE)))
                .extracting(ProjectMembership::project).containsExactly("alice@x.com", "proj-a");
        assertThat(store.inTransaction((StoreTransaction tx) -> tx.users().knowledgeBases(ALICE))).isEmpty();
    }
}
