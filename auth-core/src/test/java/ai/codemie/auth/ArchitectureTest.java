package ai.codemie.auth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The core stays dependency-light, its layers point one way, and its jar holds no test code. */
class ArchitectureTest {

    static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("ai.codemie.auth");

    @Test
    void coreDependsOnlyOnTheJdkNimbusCaffeineAndSlf4j() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage(
                "ai.codemie.auth..", "java..", "javax.net..", "javax.crypto..", "javax.security..",
                "com.nimbusds..", "com.github.benmanes.caffeine..", "org.slf4j..")
                .check(CORE);
    }

    @Test
    void modelDependsOnNothingElseOfOurs() {
        noClasses().that().resideInAPackage("ai.codemie.auth.model..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "ai.codemie.auth.token..", "ai.codemie.auth.claims..", "ai.codemie.auth.store..",
                        "ai.codemie.auth.resolve..", "ai.codemie.auth.policy..", "ai.codemie.auth.admin..",
                        "ai.codemie.auth.config..")
                .check(CORE);
    }

    @Test
    void mainJarHoldsNoTestOnlyClass() {
        assertThat(TestOnlyCode.mainClasses()).isNotEmpty();
        TestOnlyCode.NOT_IN_MAIN_CODE.check(TestOnlyCode.mainClasses());
    }

    @Test
    void theTestOnlyRuleRecognisesTestCode() {
        assertThatThrownBy(() -> TestOnlyCode.NOT_IN_MAIN_CODE.check(TestOnlyCode.testClasses()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining(ArchitectureTest.class.getName())
                .hasMessageContaining("ai.codemie.auth.test.StoreSeeder");
    }

    @Test
    void policyDoesNotReachIntoTokensOrStores() {
        noClasses().that().resideInAPackage("ai.codemie.auth.policy..")
                .should().dependOnClassesThat().resideInAnyPackage("ai.codemie.auth.token..", "ai.codemie.auth.store..")
                .check(CORE);
    }
}
