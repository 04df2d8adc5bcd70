package ai.codemie.auth.admin.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import ai.codemie.auth.admin.tenant.ImportValidation.Invalid;
import ai.codemie.auth.admin.tenant.ImportValidation.Valid;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TenantImportTest {

    static final Set<String> ROLES = Set.of("Viewer", "Editor", "Team Lead");

    private static ImportRow row(int line, String email, String name, String roles) {
        return new ImportRow(line, email, name, roles);
    }

    private static List<ImportError> errors(List<ImportRow> rows) {
        ImportValidation result = TenantImport.validate(rows, ROLES);
        assertThat(result).isInstanceOf(Invalid.class);
        return ((Invalid) result).errors();
    }

    private static ValidatedImport valid(List<ImportRow> rows) {
        ImportValidation result = TenantImport.validate(rows, ROLES);
        assertThat(result).isInstanceOf(Valid.class);
        return ((Valid) result).rows();
    }

    @Test
    void validRowsKeepTheirEmailAndNameAndGetTheTenantsSpellingOfEachRoleOnce() {
        ValidatedImport rows = valid(List.of(
                row(2, "Ann.Lee@Example.org", "Ann Lee", " viewer , EDITOR,Viewer"),
                row(3, "bob@example.org", "", "team lead")));

        assertThat(rows.rows()).containsExactly(
                new ValidatedRow(2, "Ann.Lee@Example.org", "Ann Lee", Set.of("Viewer", "Editor")),
                new ValidatedRow(3, "bob@example.org", "", Set.of("Team Lead")));
        assertThat(rows.rows().get(0).roles()).containsExactly("Viewer", "Editor");
        assertThat(rows.roles()).containsExactly("Viewer", "Editor", "Team Lead");
        assertThat(rows.emailKeys()).containsExactly("ann.lee@example.org", "bob@example.org");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "''", "'   '",
    })
    void anEmptyRoleListGivesNoRole(String roles) {
        assertThat(valid(List.of(row(2, "a@x.io", "A", roles))).rows().get(0).roles()).isEmpty();
    }

    @Test
    void anEmptyImportIsValid() {
        assertThat(valid(List.of()).rows()).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] {0} | {1} | {2} -> {3}: {4}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', nullValues = "NULL", value = {
        "''              | A | Viewer       | email         | the e-mail is empty",
        "a b@x.io        | A | Viewer       | email         | must not contain white space",
        "'a\tb@x.io'     | A | Viewer       | email         | must not contain white space",
        "' a@x.io'       | A | Viewer       | email         | must not contain white space",
        "a\u00a0b@x.io   | A | Viewer       | email         | must not contain white space",
        "a@b@x.io        | A | Viewer       | email         | exactly one '@'",
        "ax.io           | A | Viewer       | email         | exactly one '@'",
        "@x.io           | A | Viewer       | email         | non-empty part before and after its '@'",
        "a@              | A | Viewer       | email         | non-empty part before and after its '@'",
        "a@x.io          | A | Admin!       | initial_roles | Invalid role name 'Admin!'",
        "a@x.io          | A | Viewer,Ghost | initial_roles | the tenant has no role 'Ghost'",
        "a@x.io          | A | Viewer,,Editor | initial_roles | empty entry",
        "a@x.io          | A | 'Viewer, '   | initial_roles | empty entry",
        "a@x.io          | A | ,Viewer      | initial_roles | empty entry",
    })
    void eachProblemIsReportedAtItsLineAndColumn(String email, String name, String roles, String column,
            String message) {
        assertThat(errors(List.of(row(2, "ok@x.io", "Fine", "Viewer"), row(7, email, name, roles))))
                .singleElement()
                .satisfies(error -> {
                    assertThat(error.line()).isEqualTo(7);
                    assertThat(error.column()).isEqualTo(column);
                    assertThat(error.message()).contains(message);
                });
    }

    @Test
    void anEmailHasAtMost254CharactersAndANameAtMost255() {
        String longest = "a".repeat(254 - "@x.io".length()) + "@x.io";
        String name = "n".repeat(255);
        assertThat(valid(List.of(row(2, longest, name, ""))).rows()).hasSize(1);

        assertThat(errors(List.of(row(2, "a" + longest, name + "n", ""))))
                .containsExactly(
                        new ImportError(2, "email", "an e-mail has at most 254 characters, this one has 255"),
                        new ImportError(2, "name", "a name has at most 255 characters, this one has 256"));
    }

    @Test
    void lengthsCountCharactersNotUtf16Units() {
        // 255 emoji are 510 UTF-16 units but 255 characters
        assertThat(valid(List.of(row(2, "a@x.io", "😀".repeat(255), ""))).rows()).hasSize(1);
    }

    @Test
    void theSameEmailIgnoringCaseIsReportedOnEachLaterRow() {
        assertThat(errors(List.of(
                row(2, "Ann@Example.org", "A", ""),
                row(3, "bob@example.org", "B", ""),
                row(4, "ann@example.org", "A2", ""),
                row(6, "ANN@EXAMPLE.ORG", "A3", ""))))
                .containsExactly(
                        new ImportError(4, "email",
                                "the e-mail 'ann@example.org' is also on line 2 (e-mails are compared ignoring case)"),
                        new ImportError(6, "email",
                                "the e-mail 'ANN@EXAMPLE.ORG' is also on line 2 (e-mails are compared ignoring case)"));
    }

    @Test
    void everyProblemOfEveryRowIsReportedTogetherInFileOrder() {
        assertThat(errors(List.of(
                row(2, "bad", "n".repeat(256), "Ghost, Admin!"),
                row(3, "fine@x.io", "Fine", "Viewer"),
                row(5, "fine@X.io", "Dup", "Nobody"))))
                .extracting(ImportError::line, ImportError::column)
                .containsExactly(
                        tuple(2, "email"),
                        tuple(2, "name"),
                        tuple(2, "initial_roles"),
                        tuple(2, "initial_roles"),
                        tuple(5, "email"),
                        tuple(5, "initial_roles"));
    }

    @Test
    void aTenantWithoutRolesAcceptsOnlyEmptyRoleLists() {
        assertThat(TenantImport.validate(List.of(row(2, "a@x.io", "A", "viewer")), Set.of()))
                .isEqualTo(new Invalid(List.of(
                        new ImportError(2, "initial_roles", "the tenant has no role 'viewer'"))));
        assertThat(TenantImport.validate(List.of(row(2, "a@x.io", "A", "")), Set.of()))
                .isInstanceOf(Valid.class);
    }

    @Test
    void tenThousandRowsAreValidatedAndOneMoreIsTooLarge() {
        List<ImportRow> rows = new ArrayList<>(IntStream.range(0, TenantImport.MAX_ROWS)
                .mapToObj(i -> row(i + 2, "user" + i + "@x.io", "User " + i, "Viewer")).toList());
        assertThat(valid(rows).rows()).hasSize(TenantImport.MAX_ROWS);

        rows.add(row(TenantImport.MAX_ROWS + 2, "one.more@x.io", "", ""));
        assertThat(TenantImport.validate(rows, ROLES))
                .isEqualTo(new ImportValidation.TooLarge("an import has at most 10000 rows"));
    }

    @Test
    void aRowStartsAfterTheHeaderAndAnErrorOnALineOfTheFile() {
        assertThatThrownBy(() -> row(1, "a@x.io", "", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ImportError(0, null, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Invalid(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
