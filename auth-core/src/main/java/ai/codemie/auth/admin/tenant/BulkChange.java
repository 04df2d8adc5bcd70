package ai.codemie.auth.admin.tenant;

import java.util.List;
import java.util.Objects;

/**
 * One user's roles around a bulk change.
 *
 * @param userId the member's user id
 * @param before the names of the roles held before, in the tenant's role order
 * @param after  the names of the roles held after, in the tenant's role order
 */
public record BulkChange(String userId, List<String> before, List<String> after) {

    public BulkChange {
        Objects.requireNonNull(userId, "userId");
        before = List.copyOf(before);
        after = List.copyOf(after);
    }
}
