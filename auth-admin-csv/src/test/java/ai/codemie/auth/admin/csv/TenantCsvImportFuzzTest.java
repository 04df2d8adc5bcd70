package ai.codemie.auth.admin.csv;

import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.admin.tenant.ImportError;
import ai.codemie.auth.admin.tenant.ImportValidation;
import ai.codemie.auth.admin.tenant.ImportRow;
import ai.codemie.auth.admin.tenant.TenantImport;
import ai.codemie.auth.admin.tenant.ValidatedRow;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.Set;

/**
 * Fuzzes the import with any bytes; the seeds are valid files and files with each kind of problem, which Jazzer
 * mutates. The answer is only ever valid rows, a list of errors or "too large", never an exception, and it is
 * consistent: the same every time, lines within the file and in file order, valid rows with distinct well-formed
 * e-mails and only the tenant's roles. {@code ./mvnw verify} runs the committed seeds; with {@code JAZZER_FUZZ=1}
 * Jazzer searches for counter-examples.
 */
class TenantCsvImportFuzzTest {

    static final Set<String> ROLES = Set.of("Viewer", "Editor", "Team Lead");

    @FuzzTest(maxDuration = "20s")
    void endsInRowsErrorsOrTooLarge(byte[] input) {
        ImportValidation result = TenantCsvImport.parse(input, ROLES);

        assertThat(TenantCsvImport.parse(input, ROLES)).as("the same answer every time").isEqualTo(result);
        int lines = lines(input);
        if (result instanceof ImportValidation.Valid valid) {
            List<ValidatedRow> rows = valid.rows().rows();
            assertThat(rows).hasSizeLessThanOrEqualTo(TenantImport.MAX_ROWS);
            assertThat(rows).extracting(ValidatedRow::line).isSorted().doesNotHaveDuplicates()
                    .allMatch(line -> line >= 2 && line <= lines);
            assertThat(rows).extracting(ValidatedRow::emailKey).doesNotHaveDuplicates();
            assertThat(rows).allSatisfy(row -> {
                assertThat(row.email()).containsOnlyOnce("@").doesNotContainAnyWhitespaces()
                        .doesNotStartWith("@").doesNotEndWith("@");
                assertThat(row.name().codePointCount(0, row.name().length()))
                        .isLessThanOrEqualTo(TenantImport.MAX_NAME_LENGTH);
                assertThat(ROLES).containsAll(row.roles());
            });
        } else if (result instanceof ImportValidation.Invalid invalid) {
            assertThat(invalid.errors()).isNotEmpty().isSortedAccordingTo(ImportError.FILE_ORDER)
                    .allSatisfy(error -> {
                        assertThat(error.line()).isBetween(1, lines);
                        assertThat(error.message()).isNotBlank();
                        if (error.line() > 1) {
                            assertThat(error.column()).isIn(null, ImportRow.EMAIL, ImportRow.NAME,
                                    ImportRow.INITIAL_ROLES);
                        }
                    });
        } else {
            assertThat(result).isInstanceOf(ImportValidation.TooLarge.class);
            assertThat(input.length > TenantImport.MAX_BYTES || lines > TenantImport.MAX_ROWS).isTrue();
        }
    }

    /** The file's number of lines, a line ending at CR LF, LF or a lone CR. */
    private static int lines(byte[] input) {
        int lines = 1;
        for (int i = 0; i < input.length; i++) {
            if (input[i] == '\n' || (input[i] == '\r' && (i + 1 == input.length || input[i + 1] != '\n'))) {
                lines++;
            }
        }
        return lines;
    }
}
