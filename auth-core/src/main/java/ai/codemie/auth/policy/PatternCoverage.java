package ai.codemie.auth.policy;

import ai.codemie.auth.model.PermissionPattern;
import ai.codemie.auth.model.TenantAccess;
import ai.codemie.auth.model.TenantRole;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The no-escalation rule for tenant roles: someone who is not a platform admin may give out a role in a tenant only
 * when everything the role would allow there is already allowed to them there. It is the rule Kubernetes RBAC
 * applies to roles and bindings: a set of rules covers another when every rule of the other is covered by one rule
 * of the set.
 *
 * <p>What a role allows in a tenant is, for each of its patterns and each boundary pattern, their intersection
 * ({@link PermissionPattern#intersection}); what the caller is allowed is the same for their own patterns. Names
 * are unbounded, so a pattern is covered by a set of patterns only when one of them covers it part by part
 * ({@link PermissionPattern#covers}): {@code agent:chat} and {@code agent:view} together do not cover
 * {@code agent:*}. The boundary pattern an intersection came from always covers it, so the intersection is covered
 * by the caller's allowed permissions exactly when one of the caller's patterns covers it.
 */
public final class PatternCoverage {

    private PatternCoverage() {
    }

    /**
     * The first of {@code requested}, as written, that would allow in a tenant with this {@code boundary} something
     * {@code granted} does not allow there; empty when {@code granted} covers them all. A requested pattern wholly
     * outside the boundary allows nothing and is always covered.
     */
    public static Optional<PermissionPattern> firstUncovered(Collection<PermissionPattern> granted,
            Collection<PermissionPattern> requested, Collection<PermissionPattern> boundary) {
        for (PermissionPattern pattern : requested) {
            for (PermissionPattern limit : boundary) {
                Optional<PermissionPattern> allowed = pattern.intersection(limit);
                if (allowed.isPresent() && !coveredByOne(granted, allowed.get())) {
                    return Optional.of(pattern);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The first of {@code requested} that would allow in the caller's tenant something the caller may not do there,
     * by the patterns of the roles they hold and the tenant's boundary; empty when giving them out escalates nothing.
     */
    public static Optional<PermissionPattern> firstUncovered(TenantAccess caller,
            Collection<PermissionPattern> requested) {
        List<PermissionPattern> granted = caller.roles().stream().map(TenantRole::patterns)
                .flatMap(List::stream).toList();
        return firstUncovered(granted, requested, caller.boundary());
    }

    private static boolean coveredByOne(Collection<PermissionPattern> granted, PermissionPattern pattern) {
        for (PermissionPattern candidate : granted) {
            if (candidate.covers(pattern)) {
                return true;
            }
        }
        return false;
    }
}
