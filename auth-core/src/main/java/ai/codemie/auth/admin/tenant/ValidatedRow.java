package ai.codemie.auth.admin.tenant;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A row that passed every check: what applying it needs.
 *
 * @param line  the file line the row starts on
 * @param email the e-mail address as written; compare it with {@link #emailKey()}
 * @param name  the name as written (may be empty)
 * @param roles the tenant's roles the row names, spelt as the tenant spells them, each once, in the row's order;
 *              empty when the row names none
 */
public record ValidatedRow(int line, String email, String name, Set<String> roles) {

    public ValidatedRow {
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(name, "name");
        roles = Collections.unmodifiableSet(new LinkedHashSet<>(roles));
    }

    /** The form in which e-mail addresses are compared: two rows or users with equal keys are the same person. */
    public String emailKey() {
        return emailKey(email);
    }

    static String emailKey(String email) {
        return email.toLowerCase(Locale.ROOT);
    }
}
