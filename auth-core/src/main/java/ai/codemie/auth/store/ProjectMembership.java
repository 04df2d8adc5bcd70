package ai.codemie.auth.store;

import java.util.Objects;

/**
 * A row of the platform's {@code user_projects} table.
 *
 * @param userId       the member
 * @param project      the project name
 * @param projectAdmin whether the member administers the project
 */
public record ProjectMembership(String userId, String project, boolean projectAdmin) {

    public ProjectMembership {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(project, "project");
    }
}
