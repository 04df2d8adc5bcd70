package ai.codemie.auth.admin.tenant;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The import's rules know no store and no administration service: a file is validated before anything is read. */
class TenantImportArchitectureTest {

    @Test
    void importValidationDependsOnlyOnTheModel() {
        noClasses().that().resideInAPackage("ai.codemie.auth.admin.tenant..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "ai.codemie.auth.admin", "ai.codemie.auth.store..", "ai.codemie.auth.resolve..",
                        "ai.codemie.auth.token..", "ai.codemie.auth.claims..", "ai.codemie.auth.policy..",
                        "ai.codemie.auth.config..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("ai.codemie.auth.admin.tenant"));
    }
}
