package ai.codemie.auth.keycloak;

import static ai.codemie.auth.keycloak.MigrationFixture.attribute;
import static ai.codemie.auth.keycloak.MigrationFixture.platformSettings;
import static ai.codemie.auth.keycloak.MigrationFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.keycloak.MigrationReport.Outcome;
import ai.codemie.auth.keycloak.MigrationReport.UserOutcome;
import ai.codemie.auth.store.InMemoryUserStore;
import ai.codemie.auth.store.ProjectMembership;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Attributes an attacker with a say in them (a self-service profile, a careless script) could give a user: huge
 * lists, odd Unicode, values of the wrong type. Each is read as the same value in a token would be, and none stops
 * the import of the other users.
 */
class HostileAttributesTest {

    private FakeKeycloak keycloak;
    private final InMemoryUserStore store = new InMemoryUserStore();

    @BeforeEach
    void start() throws Exception {
        keycloak = FakeKeycloak.start();
    }

    @AfterEach
    void stop() {
        keycloak.close();
    }

    @Test
    void importsHugeListsInBothShapesWithoutDuplicates() {
        String joined = IntStream.range(0, 5000).mapToObj(i -> "p-" + (i % 4000)).collect(Collectors.joining(","));
        Object[] array = IntStream.range(0, 3000).mapToObj(i -> "p-" + (3500 + i)).toArray();
        String id = developer(attribute(attribute(user("hoarder"), "applications", joined),
                "applications_admin", array));

        MigrationReport report = migrate();

        assertThat(report.created()).isEqualTo(1);
        List<ProjectMembership> memberships = memberships(id);
        // the personal project, 4000 listed names, and 2500 administered-only names
        assertThat(memberships).hasSize(1 + 4000 + 2500).doesNotHaveDuplicates();
        assertThat(memberships).filteredOn(ProjectMembership::projectAdmin).hasSize(3000);
        assertThat(memberships.get(1)).isEqualTo(new ProjectMembership(id, "p-0", false));
        assertThat(memberships.get(3501)).isEqualTo(new ProjectMembership(id, "p-3500", true));
    }

    @Test
    void trimsKeepsUnicodeAndLeavesOutHostileNamesAsFirstLoginWould() {
        String id = developer(attribute(user("unicode"), "applications",
                "\u00A0proj-nbsp\u3000,\u200Bzero-width,ПРОЕКТ,项目,\uD83D\uDE80-rocket,e\u0301,\u202Eevil,,,  \t ,"
                        + "Proj,proj", "\uFEFFbom"));

        migrate();

        // invisible formatting characters (zero-width space, right-to-left override, byte order mark) make a name
        // hostile: those are left out, as at first login
        assertThat(memberships(id)).extracting(ProjectMembership::project).containsExactly("unicode@example.com",
                "proj-nbsp", "ПРОЕКТ", "项目", "\uD83D\uDE80-rocket", "e\u0301", "Proj", "proj");
    }

    @Test
    void dropsValuesOfTheWrongTypeAsTheClaimParserDoes() {
        Map<String, Object> odd = user("odd-types");
        @SuppressWarnings("unchecked")
        Map<String, Object> attributes = (Map<String, Object>) odd.get("attributes");
        attributes.put("applications", Arrays.asList(123, null, Map.of("a", 1), List.of("nested"), true, "real"));
        attributes.put("applications_admin", Map.of("proj-x", List.of("1")));
        attributes.put("knowledge_bases", 42);
        String id = developer(odd);
        Map<String, Object> notAnObject = user("attributes-not-an-object");
        notAnObject.put("attributes", "applications=proj-a");
        String plain = developer(notAnObject);

        MigrationReport report = migrate();

        assertThat(report.created()).isEqualTo(2);
        assertThat(memberships(id)).extracting(ProjectMembership::project)
                .containsExactly("odd-types@example.com", "real");
        List<String> knowledgeBases = store.inTransaction(tx -> tx.users().knowledgeBases(id));
        assertThat(knowledgeBases).isEmpty();
        assertThat(memberships(plain)).extracting(ProjectMembership::project)
                .containsExactly("attributes-not-an-object@example.com");
    }

    @Test
    void failsOnlyTheUserWithAnInvalidUserTypeAndImportsTheRest() {
        List<String> ids = new ArrayList<>();
        ids.add(developer(user("before")));
        String invalid = developer(attribute(user("number-type"), "user_type", 42));
        ids.add(developer(user("after")));

        MigrationReport report = migrate();

        assertThat(report.users()).filteredOn(u -> u.id().equals(invalid)).containsExactly(new UserOutcome(invalid,
                "number-type@example.com", Outcome.FAILED,
                "Invalid user_type attribute from IDP. Expected 'regular' or 'external', got: '42'"));
        assertThat(report.created()).isEqualTo(2);
        assertThat(ids).allSatisfy(id -> assertThat(memberships(id)).isNotEmpty());
    }

    @Test
    void shortensAHugeErrorTextInTheReport() {
        String invalid = developer(attribute(user("long-type"), "user_type", "x".repeat(100_000)));

        MigrationReport report = migrate();

        assertThat(report.users().get(0).id()).isEqualTo(invalid);
        assertThat(report.users().get(0).reason()).hasSize(503).endsWith("...");
    }

    private MigrationReport migrate() {
        return new KeycloakMigration(platformSettings().build(), keycloak.settings(100).build(), store).run();
    }

    private String developer(Map<String, Object> user) {
        String id = keycloak.addUser(user);
        keycloak.grantRole("developer", id);
        return id;
    }

    private List<ProjectMembership> memberships(String id) {
        return store.inTransaction(tx -> tx.projects().membershipsOf(id));
    }
}
