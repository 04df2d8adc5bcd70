package ai.codemie.auth.admin.tenant;

import java.util.Comparator;
import java.util.Objects;

/**
 * One problem of an import file, as the answer lists it.
 *
 * @param line    the file line (1 is the header); for a row, the line it starts on
 * @param column  the column's name, or null when the problem is not in one column (a row's field count, a broken
 *                file)
 * @param message what is wrong, for the person who wrote the file
 */
public record ImportError(int line, String column, String message) {

    /** File order: by line, keeping the order of the problems found on one line. */
    public static final Comparator<ImportError> FILE_ORDER = Comparator.comparingInt(ImportError::line);

    public ImportError {
        if (line < 1) {
            throw new IllegalArgumentException("file lines start at 1, not " + line);
        }
        Objects.requireNonNull(message, "message");
    }
}
