package ai.codemie.auth.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A row of the platform's {@code applications} table.
 *
 * @param name        the project name, also its id; case-sensitive
 * @param type        shared or personal
 * @param createdBy   the creator's user id, or null (projects created from IdP claims have none)
 * @param deletedAt   soft-delete time, or null
 * @param description free text, or null
 */
public record Project(String name, ProjectType type, String createdBy, Instant deletedAt, String description) {

    public Project {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** Not soft-deleted. */
    public boolean live() {
        return deletedAt == null;
    }
}
