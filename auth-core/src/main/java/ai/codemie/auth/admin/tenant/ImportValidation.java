package ai.codemie.auth.admin.tenant;

import java.util.List;
import java.util.Objects;

/** What validating an import's rows ended in: every row valid, or every problem found. */
public sealed interface ImportValidation {

    /**
     * Every row is valid.
     *
     * @param rows the rows, ready to apply
     */
    record Valid(ValidatedImport rows) implements ImportValidation {
        public Valid {
            Objects.requireNonNull(rows, "rows");
        }
    }

    /**
     * At least one row is not valid; nothing of the import may be applied.
     *
     * @param errors every problem, in file order (never empty)
     */
    record Invalid(List<ImportError> errors) implements ImportValidation {
        public Invalid {
            errors = List.copyOf(errors);
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("an invalid import has at least one error");
            }
        }
    }
}
