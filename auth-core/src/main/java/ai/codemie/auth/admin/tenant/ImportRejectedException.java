package ai.codemie.auth.admin.tenant;

import ai.codemie.auth.admin.AdministrationException;
import ai.codemie.auth.error.Problem;
import java.util.List;

/**
 * A user import had errors: nothing was changed. HTTP 422; {@link #errors()} lists every error in file order.
 */
public final class ImportRejectedException extends AdministrationException {

    private static final long serialVersionUID = 1L;

    private final transient List<ImportError> errors;

    /** The refusal listing these errors (at least one). */
    public ImportRejectedException(List<ImportError> errors) {
        super(new Problem(Problem.Status.UNPROCESSABLE_ENTITY, "invalid_import", "Invalid import",
                describe(errors), "Fix every listed line and send the whole file again."));
        this.errors = List.copyOf(errors);
    }

    /** Every error, in file order. */
    public List<ImportError> errors() {
        return errors;
    }

    private static String describe(List<ImportError> errors) {
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a refused import has at least one error");
        }
        return "The import has " + errors.size() + (errors.size() == 1 ? " error" : " errors")
                + ". Nothing was changed.";
    }
}
