package ai.codemie.auth.admin.csv;

import ai.codemie.auth.admin.tenant.ImportError;
import ai.codemie.auth.admin.tenant.ValidatedImport;
import java.util.List;
import java.util.Objects;

/**
 * What reading an import file ended in: every row valid, the list of every problem, or a file over the limits.
 * Never a part of the rows: an import with any problem has no rows to apply.
 */
public sealed interface ImportParse {

    /**
     * The file is well-formed and every row valid.
     *
     * @param rows the rows, ready to apply in one transaction
     */
    record Valid(ValidatedImport rows) implements ImportParse {
        public Valid {
            Objects.requireNonNull(rows, "rows");
        }
    }

    /**
     * The file has problems; nothing of it may be applied. HTTP adapters answer 422 with the list.
     *
     * @param errors every problem found, in file order (never empty)
     */
    record Invalid(List<ImportError> errors) implements ImportParse {
        public Invalid {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("an invalid import has at least one error");
            }
        }
    }

    /**
     * The file has more bytes or more rows than an import may have
     * ({@link ai.codemie.auth.admin.tenant.TenantImport#MAX_BYTES}, {@link
     * ai.codemie.auth.admin.tenant.TenantImport#MAX_ROWS}); it was not read further. HTTP adapters answer 413.
     *
     * @param message which limit, for the person who sent the file
     */
    record TooLarge(String message) implements ImportParse {
        public TooLarge {
            Objects.requireNonNull(message, "message");
        }
    }
}
