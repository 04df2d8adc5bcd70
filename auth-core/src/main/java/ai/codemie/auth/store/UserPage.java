package ai.codemie.auth.store;

import java.util.Objects;

/**
 * Which page of users {@link UserRecords#list} reads: keyset paging on the unique user name, so that a page is cheap
 * however deep it is and a user inserted meanwhile neither repeats nor shifts the following pages.
 *
 * @param afterUsername the page starts after this user name; null for the first page
 * @param limit         at most this many users, between 1 and {@value #MAX_LIMIT}
 */
public record UserPage(String afterUsername, int limit) {

    /** The largest page a store reads at once. */
    public static final int MAX_LIMIT = 500;

    public UserPage {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
    }

    /** The first page, as large as a store reads at once. */
    public static UserPage first() {
        return new UserPage(null, MAX_LIMIT);
    }

    /** The page of the same size that follows the user name (the last one of the previous page). */
    public UserPage after(String username) {
        return new UserPage(Objects.requireNonNull(username, "username"), limit);
    }
}
