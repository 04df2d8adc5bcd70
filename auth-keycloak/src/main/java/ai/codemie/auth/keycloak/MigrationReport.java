package ai.codemie.auth.keycloak;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What one run of the Keycloak user import did (or, for a dry run, would do), user by user.
 *
 * @param dryRun whether the run only reported, writing nothing
 * @param users  one outcome per Keycloak user, in Keycloak's order; empty when another run held the lock
 */
public record MigrationReport(boolean dryRun, List<UserOutcome> users) {

    /** Skipped: a user with the same id, or the same e-mail in any case, is in the store already. */
    public static final String ALREADY_IN_STORE = "already_in_store";
    /** Skipped: the account is disabled in Keycloak. */
    public static final String DISABLED = "disabled";
    /** Skipped: the Keycloak user has no e-mail. */
    public static final String NO_EMAIL = "no_email";
    /** Skipped: the sign-in gate would refuse the user (no sign-in role, not admin). */
    public static final String NO_SIGN_IN_ROLE = "no_sign_in_role";

    public MigrationReport {
        users = List.copyOf(users);
    }

    /** The report of a run that did nothing. */
    public static MigrationReport empty(boolean dryRun) {
        return new MigrationReport(dryRun, List.of());
    }

    /** How many users were created (in a dry run: would be). */
    public int created() {
        return count(Outcome.CREATED);
    }

    /** How many users were skipped. */
    public int skipped() {
        return count(Outcome.SKIPPED);
    }

    /** How many users failed. */
    public int failed() {
        return count(Outcome.FAILED);
    }

    /**
     * The report as one JSON object: {@code {"created":n,"skipped":n,"failed":n,"dry_run":b,"users":[{"id","email",
     * "outcome","reason"}]}}, {@code reason} null for a created user.
     */
    public String toJson() {
        List<Object> entries = new ArrayList<>(users.size());
        for (UserOutcome user : users) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", user.id());
            entry.put("email", user.email());
            entry.put("outcome", user.outcome().value());
            entry.put("reason", user.reason());
            entries.add(entry);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("created", created());
        json.put("skipped", skipped());
        json.put("failed", failed());
        json.put("dry_run", dryRun);
        json.put("users", entries);
        return JSONObjectUtils.toJSONString(json);
    }

    /** The one-line summary the import logs. */
    public String summary() {
        return (dryRun ? "Keycloak migration dry run: would create " : "Keycloak migration: created ") + created()
                + ", skipped " + skipped() + ", failed " + failed() + " of " + users.size() + " users";
    }

    private int count(Outcome outcome) {
        int count = 0;
        for (UserOutcome user : users) {
            if (user.outcome() == outcome) {
                count++;
            }
        }
        return count;
    }

    /** What became of one user. */
    public enum Outcome {
        /** Created in the store (in a dry run: would be). */
        CREATED,
        /** Left out, for the reason given. */
        SKIPPED,
        /** Could not be created; the reason is the error. */
        FAILED;

        /** The name in the JSON report. */
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One user's outcome.
     *
     * @param id      the Keycloak user id
     * @param email   the Keycloak e-mail, or null
     * @param outcome created, skipped or failed
     * @param reason  null when created; one of the reason codes of this class when skipped; the error when failed
     */
    public record UserOutcome(String id, String email, Outcome outcome, String reason) {
        public UserOutcome {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(outcome, "outcome");
        }
    }
}
