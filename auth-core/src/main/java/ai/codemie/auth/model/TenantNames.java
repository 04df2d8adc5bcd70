package ai.codemie.auth.model;

import ai.codemie.auth.model.InvalidSyntaxException.Kind;
import java.util.Locale;

/**
 * The syntax of tenant ids and role names, checked in this one place by everything that accepts them.
 *
 * <ul>
 *   <li>A tenant id is 1–63 characters: a lower-case ASCII letter or digit, then lower-case letters, digits and
 *       {@code -}. Ids are compared exactly.</li>
 *   <li>A role name is 1–64 ASCII letters, digits, spaces, {@code _}, {@code .} and {@code -}, neither beginning nor
 *       ending with a space (lists of role names are trimmed, so such a name could not be named in one). Role names
 *       are kept as written and compared ignoring case: {@link #roleKey(String)} is the form to compare.</li>
 * </ul>
 */
public final class TenantNames {

    static final int MAX_TENANT_ID = 63;
    static final int MAX_ROLE_NAME = 64;

    private TenantNames() {
    }

    /** The tenant id itself when it is well-formed; otherwise throws {@link InvalidSyntaxException}. */
    public static String requireTenantId(String id) {
        if (id == null || id.isEmpty()) {
            throw new InvalidSyntaxException(Kind.TENANT_ID, id, "a tenant id must not be empty");
        }
        if (id.length() > MAX_TENANT_ID) {
            throw new InvalidSyntaxException(Kind.TENANT_ID, id,
                    "a tenant id has at most " + MAX_TENANT_ID + " characters");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean letterOrDigit = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!letterOrDigit && (c != '-' || i == 0)) {
                throw new InvalidSyntaxException(Kind.TENANT_ID, id, "a tenant id starts with a-z or 0-9 and "
                        + "holds only a-z, 0-9 and '-'");
            }
        }
        return id;
    }

    /** The role name itself, as written, when it is well-formed; otherwise throws {@link InvalidSyntaxException}. */
    public static String requireRoleName(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidSyntaxException(Kind.ROLE_NAME, name, "a role name must not be empty");
        }
        if (name.length() > MAX_ROLE_NAME) {
            throw new InvalidSyntaxException(Kind.ROLE_NAME, name,
                    "a role name has at most " + MAX_ROLE_NAME + " characters");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == ' ' || c == '_' || c == '.' || c == '-';
            if (!allowed) {
                throw new InvalidSyntaxException(Kind.ROLE_NAME, name,
                        "a role name holds only ASCII letters, digits, spaces, '_', '.' and '-'");
            }
        }
        if (name.charAt(0) == ' ' || name.charAt(name.length() - 1) == ' ') {
            throw new InvalidSyntaxException(Kind.ROLE_NAME, name, "a role name must not begin or end with a space");
        }
        return name;
    }

    /**
     * The form in which role names are compared: two names are the same role in a tenant when their keys are equal.
     * Throws {@link InvalidSyntaxException} for a malformed name.
     */
    public static String roleKey(String name) {
        return requireRoleName(name).toLowerCase(Locale.ROOT);
    }
}
