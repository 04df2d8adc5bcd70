package ai.codemie.auth.admin.csv;

import ai.codemie.auth.admin.tenant.ImportError;
import ai.codemie.auth.admin.tenant.ImportRow;
import ai.codemie.auth.admin.tenant.ImportValidation;
import ai.codemie.auth.admin.tenant.TenantImport;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a tenant's user import file: CSV as in RFC 4180, in UTF-8.
 *
 * <ul>
 *   <li>The body is read as UTF-8 whatever charset its request declared; a leading UTF-8 byte order mark is
 *       skipped. Lines end with CR LF or LF; a field in double quotes may hold commas, line breaks and doubled
 *       quotes.</li>
 *   <li>The first line is the header: the columns {@code email}, {@code name} and {@code initial_roles}, each once,
 *       in any order, and no other. Every further line is a row with as many fields as the header; an empty line is
 *       skipped. {@code initial_roles} is a comma-separated list of role names in one (quoted) field, possibly
 *       empty.</li>
 *   <li>At most {@link TenantImport#MAX_BYTES} bytes and {@link TenantImport#MAX_ROWS} rows: a larger file is
 *       {@link ImportValidation.TooLarge}.</li>
 *   <li>The rows are validated by {@link TenantImport#validate(List, Collection)}. Every problem of the file and of
 *       its rows is reported together, at its file line (1 is the header; a row's line is the one it starts on, as
 *       a quoted field may span lines): a header problem on line 1 with the column's name, a row with the wrong
 *       number of fields with no column, a quote never closed on the line where its field opens. After a quoting
 *       problem the rest of the file cannot be split into rows, so it is not read further.</li>
 * </ul>
 *
 * <p>Whatever the bytes, the answer is one of the three outcomes of {@link ImportValidation}, never an exception.
 */
public final class TenantCsvImport {

    /** RFC 4180 (comma, double quote, no escape character), keeping empty lines so that they are seen. */
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    /** Column names longer than this are cut in errors, so that one huge header cell cannot flood the answer. */
    private static final int SHOWN = 64;
    private static final String EXPECTED = "the columns are email, name and initial_roles, in any order";

    private TenantCsvImport() {
    }

    /**
     * Reads and validates an import file.
     *
     * @param body            the file's bytes, whatever its declared charset
     * @param tenantRoleNames the names of the tenant's roles (compared ignoring case)
     * @return the valid rows, every problem, or "too large"
     */
    public static ImportValidation parse(byte[] body, Collection<String> tenantRoleNames) {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(tenantRoleNames, "tenantRoleNames");
        if (body.length > TenantImport.MAX_BYTES) {
            return ImportValidation.TooLarge.bytes(body.length);
        }
        int start = startsWithBom(body) ? BOM.length : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body, start, body.length - start);
        CharBuffer out = CharBuffer.allocate(body.length - start); // UTF-8 never has fewer bytes than chars
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        String text = out.flip().toString();
        if (result.isError()) {
            // the text decoded so far ends right before the bad byte: its last line is the bad byte's line
            return new ImportValidation.Invalid(List.of(new ImportError(new LineIndex(text).lineOf(text.length()), null,
                    "the file is not valid UTF-8: byte " + (in.position() + 1) + " of the file cannot start or "
                            + "continue a character (save the file as UTF-8)")));
        }
        return read(text, tenantRoleNames);
    }

    private static boolean startsWithBom(byte[] body) {
        return body.length >= BOM.length && body[0] == BOM[0] && body[1] == BOM[1] && body[2] == BOM[2];
    }

    private static ImportValidation read(String text, Collection<String> tenantRoleNames) {
        LineIndex lines = new LineIndex(text);
        List<ImportError> errors = new ArrayList<>();
        List<ImportRow> rows = new ArrayList<>();
        Header header = null;
        int dataRows = 0;
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(FORMAT).get()) {
            Iterator<CSVRecord> records = parser.iterator();
            long linesRead = 0; // line breaks read up to the end of the last record: the next one starts after them
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException e) {
                    errors.add(quotingProblem(text, lines.startOf(linesRead + 1), lines));
                    break;
                }
                linesRead = parser.getCurrentLineNumber();
                int line = lines.lineOf(record.getCharacterPosition());
                if (header == null) {
                    header = header(record, errors);
                    continue;
                }
                if (emptyLine(record, text)) {
                    continue;
                }
                if (++dataRows > TenantImport.MAX_ROWS) {
                    return ImportValidation.TooLarge.TOO_MANY_ROWS;
                }
                if (record.size() != header.width()) {
                    errors.add(new ImportError(line, null, "the row has " + record.size() + " fields, the header "
                            + header.width() + " (a field holding a comma needs double quotes)"));
                } else if (header.columns() != null) {
                    Map<String, Integer> columns = header.columns();
                    rows.add(new ImportRow(line, record.get(columns.get(ImportRow.EMAIL)),
                            record.get(columns.get(ImportRow.NAME)), record.get(columns.get(ImportRow.INITIAL_ROLES))));
                }
            }
        } catch (IOException e) {
            // a StringReader cannot fail to read or close
            throw new UncheckedIOException(e);
        }
        if (header == null && errors.isEmpty()) {
            header(List.of(), errors); // an empty file: every column is missing
        }
        ImportValidation validation = TenantImport.validate(rows, tenantRoleNames);
        if (errors.isEmpty()) {
            return validation;
        }
        if (validation instanceof ImportValidation.Invalid invalid) {
            errors.addAll(invalid.errors());
        }
        errors.sort(ImportError.FILE_ORDER);
        return new ImportValidation.Invalid(errors);
    }

    /**
     * The header's columns: each problem goes to {@code errors}, and the field of each column is known only when
     * every column is there exactly once (with an ambiguous header the rows' fields cannot be checked).
     */
    private static Header header(Iterable<String> names, List<ImportError> errors) {
        Map<String, Integer> columns = new HashMap<>();
        boolean repeated = false;
        int width = 0;
        for (String name : names) {
            width++;
            if (name.isEmpty()) {
                errors.add(new ImportError(1, name, "column " + width + " of the header has no name; " + EXPECTED));
            } else if (!ImportRow.COLUMNS.contains(name)) {
                String shown = shown(name);
                errors.add(new ImportError(1, shown, "unknown column '" + shown + "'; " + EXPECTED));
            } else if (columns.putIfAbsent(name, width - 1) != null) {
                repeated = true;
                errors.add(new ImportError(1, name, "the column '" + name + "' is in the header more than once"));
            }
        }
        for (String column : ImportRow.COLUMNS) {
            if (!columns.containsKey(column)) {
                errors.add(new ImportError(1, column, "the header has no column '" + column + "'; " + EXPECTED));
            }
        }
        return new Header(width, repeated || columns.size() < ImportRow.COLUMNS.size() ? null : columns);
    }

    /**
     * The header's width, and the field of each column, or null when a column is missing or repeated.
     */
    private record Header(int width, Map<String, Integer> columns) {
    }

    private static String shown(String name) {
        return name.length() <= SHOWN ? name : name.substring(0, SHOWN) + "…";
    }

    /** Whether the record is an empty line, which Commons CSV reads as one empty field. */
    private static boolean emptyLine(CSVRecord record, String text) {
        int position = (int) record.getCharacterPosition();
        return record.size() == 1 && record.get(0).isEmpty()
                && (position >= text.length() || text.charAt(position) == '\r' || text.charAt(position) == '\n');
    }

    /**
     * The quoting problem that stopped Commons CSV in the record starting at {@code from}, at the line where it is:
     * Commons CSV's own report gives the line where it noticed, which for a quote never closed is the end of the
     * file, not where the field opened.
     */
    private static ImportError quotingProblem(String text, int from, LineIndex lines) {
        boolean fieldStart = true;
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (fieldStart && c == '"') {
                int open = i;
                i = closingQuote(text, i + 1);
                if (i < 0) {
                    return new ImportError(lines.lineOf(open), null,
                            "a field opens a double quote on this line and never closes it");
                }
                // as Commons CSV: white space may follow the closing quote, then a comma or the end of the line
                i++;
                while (i < text.length() && text.charAt(i) != '\r' && text.charAt(i) != '\n'
                        && Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                if (i < text.length() && text.charAt(i) != ',' && text.charAt(i) != '\r' && text.charAt(i) != '\n') {
                    return new ImportError(lines.lineOf(i), null, "a quoted field goes on after its closing double "
                            + "quote (a double quote inside a quoted field is written twice: \"\")");
                }
                fieldStart = false;
                continue;
            }
            if (c == '\r' || c == '\n') {
                break;
            }
            fieldStart = c == ',';
            i++;
        }
        return new ImportError(lines.lineOf(from), null, "the row is not well-formed CSV");
    }

    /** The offset of the quote closing a quoted field whose text starts at {@code from}, or -1 when none does. */
    private static int closingQuote(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == '"') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    i++; // a doubled quote stands for one quote inside the field
                } else {
                    return i;
                }
            }
        }
        return -1;
    }
}
