package ai.codemie.auth.test;

import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.test.readme.FirstProject;
import ai.codemie.auth.test.readme.ProjectAccessCheck;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * The READMEs' Java code compiles as shown: every Java block of a README is, to the character, one of the example
 * files compiled by the build (without its package line) — the core examples here, the Spring example in
 * {@code examples/quickstart-service} and the Spring adapter's tenant example — and the core examples run as the
 * README says.
 */
class ReadmeExampleTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);
    /** Spring examples compiled, and called over HTTP, by the Spring adapter's tests. */
    private static final String SPRING_EXAMPLES = "auth-spring/src/test/java/ai/codemie/auth/spring/security/readme";
    /** Files the README must show: the core examples and the quick-start service's controller and tests. */
    private static final List<Path> SHOWN = List.of(
            Path.of("src/test/java/ai/codemie/auth/test/readme/ProjectAccessCheck.java"),
            Path.of("src/test/java/ai/codemie/auth/test/readme/FirstProject.java"),
            quickstart("main/java/ai/codemie/auth/examples/quickstart/AssistantController.java"),
            quickstart("test/java/ai/codemie/auth/examples/quickstart/AssistantControllerTest.java"),
            quickstart("test/java/ai/codemie/auth/examples/quickstart/AssistantControllerSliceTest.java"),
            ROOT.resolve(SPRING_EXAMPLES).resolve("AgentController.java"));

    @Test
    void coreExamplePrintsWhyTheCallerIsDenied() {
        try (TestTokens idp = TestTokens.start()) {
            String member = idp.forUser("alice").roles("developer").applications("proj-a").sign();
            String admin = idp.forUser("bob").roles("admin").sign();

            assertThat(printedBy(idp, member))
                    .isEqualTo("not_project_member: You do not have permission to access the project 'proj-b'.\n");
            assertThat(printedBy(idp, admin)).isEqualTo("allowed\n");
        }
    }

    @Test
    void platformManagedExampleGrantsAccessOnTheNextRequest() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:readme_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
        try (TestTokens idp = TestTokens.start()) {
            String alice = UUID.randomUUID().toString();
            String adminToken = idp.forUser(UUID.randomUUID().toString()).roles("admin").email("root@example.com").sign();
            String aliceToken = idp.forUser(alice).roles("developer").email("alice@example.com").sign();

            assertThat(FirstProject.run(idp.trustedIssuer(), dataSource, adminToken, aliceToken, alice)).isTrue();
        }
    }

    @Test
    void everyJavaBlockOfTheReadmesIsACompiledExampleFile() throws IOException {
        Map<String, Path> examples = new LinkedHashMap<>();
        for (Path file : exampleFiles()) {
            examples.put(withoutPackage(Files.readString(file)), file);
        }
        List<Path> readmes = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> modules = Files.list(ROOT.resolve("examples"))) {
            modules.map(module -> module.resolve("README.md")).filter(Files::isRegularFile).forEach(readmes::add);
        }
        List<Path> shown = new ArrayList<>();
        for (Path readme : readmes) {
            Matcher block = JAVA_BLOCK.matcher(Files.readString(readme));
            while (block.find()) {
                assertThat(examples).as("a Java block of %s that is no compiled example file:%n%s", readme,
                        block.group(1)).containsKey(block.group(1));
                shown.add(examples.get(block.group(1)));
            }
        }
        assertThat(shown).containsAll(SHOWN);
    }

    private static String printedBy(TestTokens idp, String token) {
        PrintStream standardOut = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            ProjectAccessCheck.main(new String[] {idp.issuer(), idp.jwksUri().toString(), token});
        } finally {
            System.setOut(standardOut);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static List<Path> exampleFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path directory : List.of(Path.of("src/test/java/ai/codemie/auth/test/readme"),
                ROOT.resolve("examples/quickstart-service/src"), ROOT.resolve(SPRING_EXAMPLES))) {
            try (Stream<Path> walk = Files.walk(directory)) {
                walk.filter(file -> file.toString().endsWith(".java")).forEach(files::add);
            }
        }
        return files;
    }

    private static String withoutPackage(String source) {
        return source.startsWith("package ") ? source.substring(source.indexOf("\n\n") + 2) : source;
    }

    private static Path quickstart(String file) {
        return ROOT.resolve("examples/quickstart-service/src").resolve(file);
    }
}
