package ai.codemie.auth.jdbc;

import static ai.codemie.auth.jdbc.PlatformReplica.POLL_DEADLINE;
import static ai.codemie.auth.jdbc.PlatformReplica.developer;
import static ai.codemie.auth.store.UserStoreContract.newId;
import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.model.PermissionPattern;
import ai.codemie.auth.policy.Requirements;
import ai.codemie.auth.store.StoredRole;
import ai.codemie.auth.store.Tenant;
import ai.codemie.auth.token.VerifiedToken;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two replicas with tenants on, on one PostgreSQL database with the platform's tables and the library's tenant
 * tables: a role edit committed through one replica's store decides the other replica's next requests once its
 * notification arrives (the time it takes is printed, not asserted), and the other replica keeps the cached values of
 * users outside the tenant.
 */
class TenantReplicasOnPostgresTest {

    @RegisterExtension
    static final TwoReplicas replicas = new TwoReplicas("tenant_replicas", 4, true,
            builder -> builder.createTenantTables(true));

    @Test
    void aRoleEditThroughOneReplicaDecidesTheOtherReplicasNextRequests() {
        String member = newId();
        VerifiedToken memberToken = developer(member, "tenant-member");
        VerifiedToken outsiderToken = developer(newId(), "tenant-outsider");
        replicas.a().store.inTransaction(tx -> {
            tx.tenants().insert(Tenant.of("acme", patterns("kb:*")));
            tx.tenants().insertRole(role("kb:read"));
            return tx.tenants().addRoles("acme", member, List.of("editor"));
        });
        assertThat(allows(replicas.b().signIn(memberToken), "kb:read")).isTrue();
        replicas.b().signIn(outsiderToken);

        List<Long> latencies = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            latencies.add(propagation(memberToken, "kb:write", "kb:read"));
            latencies.add(propagation(memberToken, "kb:read", "kb:write"));
        }
        long before = replicas.b().resolverTransactions();
        replicas.b().signIn(outsiderToken);

        assertThat(replicas.b().resolverTransactions()).as("the outsider's cached value survives every role edit")
                .isEqualTo(before);
        Collections.sort(latencies);
        System.out.printf("role edit on replica A seen by replica B's tenant decisions, over %d edits:"
                + " median %.1f ms, max %.1f ms%n", latencies.size(), latencies.get(latencies.size() / 2) / 1e6,
                latencies.get(latencies.size() - 1) / 1e6);
    }

    @Test
    void aRoleChangeOfManyMembersThroughOneReplicaReachesTheOtherReplicaForEachOfThem() {
        List<String> members = List.of(newId(), newId(), newId());
        List<VerifiedToken> tokens = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            tokens.add(developer(members.get(i), "bulk-member-" + i));
        }
        replicas.a().store.inTransaction(tx -> {
            tx.tenants().insert(Tenant.of("bulk", patterns("kb:*")));
            tx.tenants().insertRole(new StoredRole("bulk", "reader", "", patterns("kb:read")));
            members.forEach(member -> tx.tenants().addMember("bulk", member));
            return null;
        });
        for (VerifiedToken token : tokens) {
            assertThat(allows(replicas.b().signIn(token), "bulk", "kb:read")).isFalse();
        }

        long start = System.nanoTime();
        replicas.a().store.inTransaction(tx -> tx.tenants().changeRoles("bulk", members, List.of("reader"), List.of()));

        for (VerifiedToken token : tokens) {
            replicas.b().awaitAnswer(token, p -> allows(p, "bulk", "kb:read"), start, POLL_DEADLINE);
        }
    }

    /** Edits the role to grant {@code granted} instead of {@code revoked} on A; polls B until it decides so. */
    private long propagation(VerifiedToken token, String granted, String revoked) {
        assertThat(allows(replicas.b().signIn(token), revoked)).isTrue();
        long start = System.nanoTime();
        replicas.a().store.inTransaction(tx -> tx.tenants().updateRole(role(granted)));
        return replicas.b().awaitAnswer(token, p -> allows(p, granted) && !allows(p, revoked), start, POLL_DEADLINE);
    }

    private static boolean allows(Optional<EffectivePermissions> permissions, String permission) {
        return allows(permissions, "acme", permission);
    }

    private static boolean allows(Optional<EffectivePermissions> permissions, String tenant, String permission) {
        return Requirements.tenantPermission(tenant, permission).check(permissions.orElseThrow()).allowed();
    }

    private static StoredRole role(String pattern) {
        return new StoredRole("acme", "editor", "", patterns(pattern));
    }

    private static List<PermissionPattern> patterns(String... texts) {
        return PermissionPattern.parseAll(List.of(texts));
    }
}
