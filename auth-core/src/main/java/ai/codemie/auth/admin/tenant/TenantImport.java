package ai.codemie.auth.admin.tenant;

import ai.codemie.auth.model.InvalidSyntaxException;
import ai.codemie.auth.model.TenantNames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of a tenant's user import, independent of the file format and of any store: its limits, and the
 * validation of its rows against the tenant's role names. Every row is checked and every problem reported
 * together, so that one answer lets the file be fixed:
 *
 * <ul>
 *   <li>the e-mail address has exactly one {@code @} with something on both sides, no white space or control
 *       character, and at most {@value #MAX_EMAIL_LENGTH} characters;</li>
 *   <li>no two rows have the same e-mail address, ignoring case (reported on each later row, column
 *       {@code email});</li>
 *   <li>the name has at most {@value #MAX_NAME_LENGTH} characters (it may be empty);</li>
 *   <li>{@code initial_roles} is empty or a comma-separated list of role names, each trimmed, well-formed
 *       ({@link TenantNames#requireRoleName(String)}) and a role of the tenant, ignoring case.</li>
 * </ul>
 */
public final class TenantImport {

    /** The most data rows (the header not counted) one import may have; more is refused as too large. */
    public static final int MAX_ROWS = 10_000;
    /** The most bytes (2 MiB) one import file may have; more is refused as too large. */
    public static final int MAX_BYTES = 2 * 1024 * 1024;
    /** The longest e-mail address, in characters. */
    public static final int MAX_EMAIL_LENGTH = 254;
    /** The longest name, in characters. */
    public static final int MAX_NAME_LENGTH = 255;

    private TenantImport() {
    }

    /**
     * Validates the rows of an import against the tenant's roles.
     *
     * @param rows            the data rows in file order
     * @param tenantRoleNames the names of the tenant's roles (well-formed; compared ignoring case)
     * @return every row ready to apply, every problem in file order, or "too large" for more than
     *         {@link #MAX_ROWS} rows
     * @throws InvalidSyntaxException when a tenant role name is malformed
     */
    public static ImportValidation validate(List<ImportRow> rows, Collection<String> tenantRoleNames) {
        if (rows.size() > MAX_ROWS) {
            return ImportValidation.TooLarge.TOO_MANY_ROWS;
        }
        Map<String, String> tenantRoles = new HashMap<>();
        for (String role : tenantRoleNames) {
            tenantRoles.putIfAbsent(TenantNames.roleKey(role), role);
        }
        List<ImportError> errors = new ArrayList<>();
        List<ValidatedRow> valid = new ArrayList<>(rows.size());
        Map<String, Integer> firstLineOfEmail = new HashMap<>();
        for (ImportRow row : rows) {
            int before = errors.size();
            String emailProblem = emailProblem(row.email());
            if (emailProblem != null) {
                errors.add(new ImportError(row.line(), ImportRow.EMAIL, emailProblem));
            } else {
                Integer first = firstLineOfEmail.putIfAbsent(ValidatedRow.emailKey(row.email()), row.line());
                if (first != null) {
                    errors.add(new ImportError(row.line(), ImportRow.EMAIL, "the e-mail '" + row.email()
                            + "' is also on line " + first + " (e-mails are compared ignoring case)"));
                }
            }
            int nameLength = row.name().codePointCount(0, row.name().length());
            if (nameLength > MAX_NAME_LENGTH) {
                errors.add(new ImportError(row.line(), ImportRow.NAME,
                        "a name has at most " + MAX_NAME_LENGTH + " characters, this one has " + nameLength));
            }
            Set<String> roles = roles(row, tenantRoles, errors);
            if (errors.size() == before) {
                valid.add(new ValidatedRow(row.line(), row.email(), row.name(), roles));
            }
        }
        if (!errors.isEmpty()) {
            errors.sort(ImportError.FILE_ORDER);
            return new ImportValidation.Invalid(errors);
        }
        return new ImportValidation.Valid(new ValidatedImport(valid));
    }

    /** What is wrong with the e-mail address, or null when it is well-formed. */
    static String emailProblem(String email) {
        if (email.isEmpty()) {
            return "the e-mail is empty";
        }
        int length = email.codePointCount(0, email.length());
        if (length > MAX_EMAIL_LENGTH) {
            return "an e-mail has at most " + MAX_EMAIL_LENGTH + " characters, this one has " + length;
        }
        if (email.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Character.isISOControl(c))) {
            return "an e-mail must not contain white space or control characters";
        }
        int at = email.indexOf('@');
        if (at < 0 || at != email.lastIndexOf('@')) {
            return "an e-mail has exactly one '@'";
        }
        if (at == 0 || at == email.length() - 1) {
            return "an e-mail has a non-empty part before and after its '@'";
        }
        return null;
    }

    /** The tenant's roles the row names, spelt as the tenant spells them; each problem goes to {@code errors}. */
    private static Set<String> roles(ImportRow row, Map<String, String> tenantRoles, List<ImportError> errors) {
        Set<String> roles = new LinkedHashSet<>();
        if (row.initialRoles().isBlank()) {
            return roles;
        }
        for (String item : row.initialRoles().split(",", -1)) {
            String name = item.strip();
            if (name.isEmpty()) {
                errors.add(new ImportError(row.line(), ImportRow.INITIAL_ROLES,
                        "the role list has an empty entry (two commas in a row, or one at the start or end)"));
                continue;
            }
            String key;
            try {
                key = TenantNames.roleKey(name);
            } catch (InvalidSyntaxException e) {
                errors.add(new ImportError(row.line(), ImportRow.INITIAL_ROLES, e.getMessage()));
                continue;
            }
            String role = tenantRoles.get(key);
            if (role == null) {
                errors.add(new ImportError(row.line(), ImportRow.INITIAL_ROLES,
                        "the tenant has no role '" + name + "'"));
            } else {
                roles.add(role);
            }
        }
        return roles;
    }
}
