package ai.codemie.auth.admin.tenant;

import java.util.List;
import java.util.Objects;

/**
 * What checking an import ended in: every row valid, the list of every problem, or an import over the limits.
 * Never a part of the rows: an import with any problem has no rows to apply.
 */
public sealed interface ImportValidation {

    /**
     * Every row is valid.
     *
     * @param rows the rows, ready to apply in one transaction
     */
    record Valid(ValidatedImport rows) implements ImportValidation {
        public Valid {
            Objects.requireNonNull(rows, "rows");
        }
    }

    /**
     * The import has problems; nothing of it may be applied. HTTP adapters answer 422 with the list.
     *
     * @param errors every problem found, in file order (never empty)
     */
    record Invalid(List<ImportError> errors) implements ImportValidation {
        public Invalid {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("an invalid import has at least one error");
            }
        }
    }

    /**
     * The import has more bytes or more rows than allowed ({@link TenantImport#MAX_BYTES},
     * {@link TenantImport#MAX_ROWS}) and was not read further. HTTP adapters answer 413.
     *
     * @param message which limit, for the person who sent the import
     */
    record TooLarge(String message) implements ImportValidation {

        /** More than {@link TenantImport#MAX_ROWS} rows. */
        public static final TooLarge TOO_MANY_ROWS =
                new TooLarge("an import has at most " + TenantImport.MAX_ROWS + " rows");

        public TooLarge {
            Objects.requireNonNull(message, "message");
        }

        /** More than {@link TenantImport#MAX_BYTES} bytes: this many. */
        public static TooLarge bytes(long bytes) {
            return new TooLarge("an import has at most 2 MiB (" + TenantImport.MAX_BYTES + " bytes), this one has "
                    + bytes + " bytes");
        }
    }
}
