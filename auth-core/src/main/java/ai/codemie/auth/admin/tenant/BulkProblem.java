package ai.codemie.auth.admin.tenant;

import java.util.Objects;

/**
 * Why a bulk role change was refused, one problem of possibly many.
 *
 * @param userId  the user the problem is about, or null
 * @param role    the role the problem is about, or null
 * @param message what is wrong
 */
public record BulkProblem(String userId, String role, String message) {

    public BulkProblem {
        Objects.requireNonNull(message, "message");
    }
}
