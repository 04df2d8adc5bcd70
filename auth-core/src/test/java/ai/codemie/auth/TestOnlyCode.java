package ai.codemie.auth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Path;

/**
 * Test code never ships in a main jar: the rule every library module checks its compiled main classes against.
 * Published in this module's test jar so that the other modules check theirs with the same rule.
 */
public final class TestOnlyCode {

    /**
     * No test kit, fixture or seeder class, nothing in a test package, and nothing that needs a test framework.
     */
    public static final ArchRule NOT_IN_MAIN_CODE = noClasses()
            .should().resideInAnyPackage("..test..", "..testing..", "..fixtures..")
            .orShould().haveSimpleNameEndingWith("Test")
            .orShould().haveSimpleNameEndingWith("Tests")
            .orShould().haveSimpleNameEndingWith("Seeder")
            .orShould().haveSimpleNameEndingWith("Seed")
            .orShould().haveSimpleNameEndingWith("Fixture")
            .orShould().dependOnClassesThat().resideInAnyPackage("org.junit..", "org.assertj..", "org.mockito..",
                    "org.springframework.test..", "org.springframework.boot.test..", "com.tngtech.archunit..")
            .because("test code never ships in a main jar");

    private TestOnlyCode() {
    }

    /** The classes compiled from the module's main sources ({@code target/classes} of the running module). */
    public static JavaClasses mainClasses() {
        return new ClassFileImporter().importPath(Path.of("target", "classes"));
    }

    /** The classes compiled from the module's test sources. */
    public static JavaClasses testClasses() {
        return new ClassFileImporter().importPath(Path.of("target", "test-classes"));
    }
}
