package ai.codemie.auth.admin.tenant;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The import's rules know no store and no administration service: a file is validated before anything is read. The
 * administration service beside them in the package is what applies a validated import.
 */
class TenantImportArchitectureTest {

    /** The classes of the import's rules (and the classes nested in them). */
    private static final String IMPORT_RULES =
            "ai\\.codemie\\.auth\\.admin\\.tenant\\.(TenantImport|ImportRow|ImportError|ImportValidation|ValidatedRow"
                    + "|ValidatedImport)(\\$.*)?";

    @Test
    void importValidationDependsOnlyOnTheModel() {
        noClasses().that().resideInAPackage("ai.codemie.auth.admin.tenant..")
                .and().haveNameMatching(IMPORT_RULES)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "ai.codemie.auth.admin", "ai.codemie.auth.store..", "ai.codemie.auth.resolve..",
                        "ai.codemie.auth.token..", "ai.codemie.auth.claims..", "ai.codemie.auth.policy..",
                        "ai.codemie.auth.config..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("ai.codemie.auth.admin.tenant"));
    }
}
