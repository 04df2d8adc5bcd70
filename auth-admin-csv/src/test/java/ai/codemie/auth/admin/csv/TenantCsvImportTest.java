package ai.codemie.auth.admin.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import ai.codemie.auth.admin.tenant.ImportError;
import ai.codemie.auth.admin.tenant.ImportValidation;
import ai.codemie.auth.admin.tenant.TenantImport;
import ai.codemie.auth.admin.tenant.ValidatedImport;
import ai.codemie.auth.admin.tenant.ValidatedRow;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TenantCsvImportTest {

    static final Set<String> ROLES = Set.of("Viewer", "Editor", "Team Lead");
    static final String HEADER = "email,name,initial_roles\n";

    private static ImportValidation parse(byte[] body) {
        return TenantCsvImport.parse(body, ROLES);
    }

    private static ImportValidation parse(String text) {
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static ValidatedImport valid(String text) {
        ImportValidation result = parse(text);
        assertThat(result).isInstanceOf(ImportValidation.Valid.class);
        return ((ImportValidation.Valid) result).rows();
    }

    private static List<ImportError> errors(byte[] body) {
        ImportValidation result = parse(body);
        assertThat(result).isInstanceOf(ImportValidation.Invalid.class);
        return ((ImportValidation.Invalid) result).errors();
    }

    private static List<ImportError> errors(String text) {
        return errors(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsEachRowWithTheLineItStartsOnAndTheTenantsRoles() {
        assertThat(valid(HEADER + "ann@x.io,Ann Lee,Viewer\nBob@X.io,Bob,\"viewer, Team Lead\"\n").rows())
                .containsExactly(
                        new ValidatedRow(2, "ann@x.io", "Ann Lee", Set.of("Viewer")),
                        new ValidatedRow(3, "Bob@X.io", "Bob", Set.of("Viewer", "Team Lead")));
    }

    @Test
    void aByteOrderMarkIsSkippedAndCrLfEndsLines() {
        ValidatedImport withLf = valid(HEADER + "ann@x.io,Ann,\"Viewer,Editor\"\nbob@x.io,Bob,\n");
        ValidatedImport withBomAndCrLf = valid("\uFEFF" + (HEADER + "ann@x.io,Ann,\"Viewer,Editor\"\nbob@x.io,Bob,\n")
                .replace("\n", "\r\n"));

        assertThat(withBomAndCrLf).isEqualTo(withLf);
        assertThat(withLf.rows()).extracting(ValidatedRow::line).containsExactly(2, 3);
    }

    @Test
    void theColumnsMayComeInAnyOrder() {
        assertThat(valid("initial_roles,email,name\n\"Editor, Viewer\",ann@x.io,Ann\n,bob@x.io,Bob").rows())
                .containsExactly(
                        new ValidatedRow(2, "ann@x.io", "Ann", Set.of("Editor", "Viewer")),
                        new ValidatedRow(3, "bob@x.io", "Bob", Set.of()));
    }

    @Test
    void anEmptyRoleFieldQuotedOrNotGivesNoRole() {
        assertThat(valid(HEADER + "ann@x.io,Ann,\nbob@x.io,Bob,\"\"\ncyd@x.io,Cyd,\" \"\n").rows())
                .allSatisfy(row -> assertThat(row.roles()).isEmpty())
                .hasSize(3);
    }

    @Test
    void aQuotedFieldMaySpanLinesAndItsRowIsOnTheLineWhereItStarts() {
        String text = HEADER
                + "ann@x.io,\"Ann\r\nLee, \"\"the first\"\"\",Viewer\r\n"
                + "bob@x.io,\"Bob\nof\nmany lines\",Ghost\n"
                + "bad,Cyd,Viewer\n";

        assertThat(errors(text)).containsExactly(
                new ImportError(4, "initial_roles", "the tenant has no role 'Ghost'"),
                new ImportError(7, "email", "an e-mail has exactly one '@'"));
        assertThat(valid(text.replace("Ghost", "Editor").replace("bad,", "cyd@x.io,")).rows())
                .extracting(ValidatedRow::line, ValidatedRow::name)
                .containsExactly(tuple(2, "Ann\r\nLee, \"the first\""), tuple(4, "Bob\nof\nmany lines"),
                        tuple(7, "Cyd"));
    }

    @Test
    void emptyLinesAreSkippedAndAFileWithOnlyItsHeaderHasNoRows() {
        assertThat(valid(HEADER + "\nann@x.io,Ann,Viewer\n\r\n\nbob@x.io,Bob,\n\n").rows())
                .extracting(ValidatedRow::line).containsExactly(3, 6);
        assertThat(valid(HEADER).rows()).isEmpty();
        assertThat(valid("email,name,initial_roles").rows()).isEmpty();
    }

    static Stream<Arguments> oneProblem() {
        return Stream.of(
                Arguments.of("missing column", "email,name\na@x.io,A\n",
                        1, "initial_roles", "the header has no column 'initial_roles'"),
                Arguments.of("repeated column", "email,name,initial_roles,email\na@x.io,A,,a@x.io\n",
                        1, "email", "the column 'email' is in the header more than once"),
                Arguments.of("column without name", "email,,name,initial_roles\na@x.io,,A,\n",
                        1, "", "column 2 of the header has no name"),
                Arguments.of("other column", "email,name,phone,initial_roles\na@x.io,A,555,Viewer\n",
                        1, "phone", "unknown column 'phone'"),
                Arguments.of("column in another case", "Email,email,name,initial_roles\n",
                        1, "Email", "unknown column 'Email'"),
                Arguments.of("too few fields", HEADER + "a@x.io,A,Viewer\nb@x.io,B\n",
                        3, null, "the row has 2 fields, the header 3"),
                Arguments.of("too many fields", HEADER + "a@x.io,A,Viewer,Editor\n",
                        2, null, "the row has 4 fields, the header 3"),
                Arguments.of("quote never closed", HEADER + "a@x.io,A,Viewer\nb@x.io,\"B,Viewer\nc@x.io,C,\n",
                        3, null, "a field opens a double quote on this line and never closes it"),
                Arguments.of("quote never closed in the header", "email,\"name,initial_roles\n",
                        1, null, "a field opens a double quote on this line and never closes it"),
                Arguments.of("text after a closing quote", HEADER + "a@x.io,\"A\r\n\"x,Viewer\n",
                        3, null, "a quoted field goes on after its closing double quote"),
                Arguments.of("malformed e-mail", HEADER + "a@x.io,A,\nb at x.io,B,\n",
                        3, "email", "an e-mail must not contain white space or control characters"),
                Arguments.of("e-mail over 254 characters", HEADER + "a".repeat(250) + "@x.io,A,\n",
                        2, "email", "an e-mail has at most 254 characters, this one has 255"),
                Arguments.of("name over 255 characters", HEADER + "a@x.io," + "n".repeat(256) + ",\n",
                        2, "name", "a name has at most 255 characters, this one has 256"),
                Arguments.of("unknown role", HEADER + "a@x.io,A,\"Viewer,Owner\"\n",
                        2, "initial_roles", "the tenant has no role 'Owner'"),
                Arguments.of("malformed role", HEADER + "a@x.io,A,\"Viewer;Editor\"\n",
                        2, "initial_roles", "Invalid role name 'Viewer;Editor'"),
                Arguments.of("same e-mail in another case", HEADER + "Ann@X.io,A,\nbob@x.io,B,\nann@x.IO,C,\n",
                        4, "email", "the e-mail 'ann@x.IO' is also on line 2 (e-mails are compared ignoring case)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oneProblem")
    void eachProblemIsReportedAtItsLineAndColumn(String problem, String text, int line, String column,
            String message) {
        assertThat(errors(text)).singleElement().satisfies(error -> {
            assertThat(error.line()).isEqualTo(line);
            assertThat(error.column()).isEqualTo(column);
            assertThat(error.message()).startsWith(message);
        });
    }

    @Test
    void anEmptyFileMissesEveryColumn() {
        List<ImportError> expected = errors("");
        assertThat(expected).extracting(ImportError::line, ImportError::column).containsExactly(
                tuple(1, "email"), tuple(1, "name"), tuple(1, "initial_roles"));
        assertThat(errors(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF})).isEqualTo(expected);
    }

    @Test
    void invalidUtf8IsAnErrorAtItsLine() {
        byte[] body = concat(HEADER.getBytes(StandardCharsets.UTF_8), "a@x.io,A,\nb@x.io,B".getBytes(
                StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, (byte) 0x28}, ",\n".getBytes(StandardCharsets.UTF_8));

        assertThat(errors(body)).containsExactly(new ImportError(3, null, "the file is not valid UTF-8: byte "
                + (HEADER.length() + 19) + " of the file cannot start or continue a character (save the file as "
                + "UTF-8)"));
        assertThat(errors(new byte[] {(byte) 0xFF})).extracting(ImportError::line).containsExactly(1);
    }

    @Test
    void everyProblemIsReportedTogetherInFileOrder() {
        String text = "email,name,initial_roles,phone\n"
                + "a@x.io,A,Viewer,0\n"
                + "bad,\"B\nB\",Ghost,1\n"
                + "a@X.io,C,,2\n"
                + "d@x.io,D,\"Viewer\" ,3\n"
                + "g@x.io,G\n"
                + "e@x.io,\"E,Viewer,4\n"
                + "f@x.io,F,Viewer,5\n";

        assertThat(errors(text)).extracting(ImportError::line, ImportError::column).containsExactly(
                tuple(1, "phone"),
                tuple(3, "email"), tuple(3, "initial_roles"),
                tuple(5, "email"),
                tuple(7, null),
                tuple(8, null));
    }

    @Test
    void tenThousandRowsAreReadAndOneMoreIsTooLarge() {
        StringBuilder text = new StringBuilder(HEADER);
        for (int i = 0; i < TenantImport.MAX_ROWS; i++) {
            text.append("user").append(i).append("@x.io,User ").append(i).append(",\"Viewer, Editor\"\n\n");
        }
        assertThat(valid(text.toString()).rows()).hasSize(10_000);

        text.append("one.more@x.io,,\n");
        assertThat(parse(text.toString()))
                .isEqualTo(new ImportValidation.TooLarge("an import has at most 10000 rows"));
        assertThat(parse(text.toString().replace("user1@", "bad"))).isInstanceOf(ImportValidation.TooLarge.class);
    }

    @Test
    void twoMebibytesAreReadAndOneByteMoreIsTooLarge() {
        byte[] body = (HEADER + "a@x.io,A,Viewer\n").getBytes(StandardCharsets.UTF_8);
        byte[] full = Arrays.copyOf(body, TenantImport.MAX_BYTES);
        Arrays.fill(full, body.length, full.length, (byte) '\n');
        assertThat(parse(full)).isInstanceOf(ImportValidation.Valid.class);

        byte[] over = Arrays.copyOf(full, TenantImport.MAX_BYTES + 1);
        over[TenantImport.MAX_BYTES] = (byte) 0xFF; // not even decoded
        assertThat(parse(over)).isEqualTo(new ImportValidation.TooLarge(
                "an import has at most 2 MiB (2097152 bytes), this one has 2097153 bytes"));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
