package ai.codemie.auth.admin.tenant;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An import whose every row passed validation, ready to be applied in one transaction: no two rows share an
 * e-mail address (ignoring case) and every role exists in the tenant it was validated against.
 *
 * @param rows the rows in file order
 */
public record ValidatedImport(List<ValidatedRow> rows) {

    public ValidatedImport {
        rows = List.copyOf(rows);
    }

    /** Every role some row gives out, each once, in order of first appearance: what the escalation check covers. */
    public Set<String> roles() {
        Set<String> all = new LinkedHashSet<>();
        rows.forEach(row -> all.addAll(row.roles()));
        return Collections.unmodifiableSet(all);
    }

    /** The rows' e-mail keys ({@link ValidatedRow#emailKey()}) in file order, to look the users up in one go. */
    public List<String> emailKeys() {
        return rows.stream().map(ValidatedRow::emailKey).toList();
    }
}
