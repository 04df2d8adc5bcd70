package ai.codemie.auth.admin.tenant;

import java.util.List;

/**
 * What a bulk role change did.
 *
 * @param results one entry per user, in the order of the request's list (a user named twice appears once, where first
 *                named)
 */
public record BulkResult(List<BulkChange> results) {

    public BulkResult {
        results = List.copyOf(results);
    }
}
