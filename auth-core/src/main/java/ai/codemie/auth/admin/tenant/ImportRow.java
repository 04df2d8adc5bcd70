package ai.codemie.auth.admin.tenant;

import java.util.List;
import java.util.Objects;

/**
 * One data row of a tenant's user import, as the file wrote it, before validation.
 *
 * @param line         the file line the row starts on (1 is the header, so data rows start at 2)
 * @param email        the {@value #EMAIL} field
 * @param name         the {@value #NAME} field
 * @param initialRoles the {@value #INITIAL_ROLES} field: role names separated by commas, possibly empty
 */
public record ImportRow(int line, String email, String name, String initialRoles) {

    /** The column of the e-mail address. */
    public static final String EMAIL = "email";
    /** The column of the user's name. */
    public static final String NAME = "name";
    /** The column of the roles the user is given in the tenant. */
    public static final String INITIAL_ROLES = "initial_roles";
    /** The columns an import has, each exactly once, in any order. */
    public static final List<String> COLUMNS = List.of(EMAIL, NAME, INITIAL_ROLES);

    public ImportRow {
        if (line < 2) {
            throw new IllegalArgumentException("a data row starts on line 2 or later, not " + line);
        }
        Objects.requireNonNull(email, EMAIL);
        Objects.requireNonNull(name, NAME);
        Objects.requireNonNull(initialRoles, INITIAL_ROLES);
    }
}
