package ai.codemie.auth.bench;

import ai.codemie.auth.bench.TenantPopulation.Member;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.model.TenantDefinition;
import java.util.Map;
import java.util.Random;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jol.info.GraphLayout;

/**
 * Scenario 7: heap retained per cached user who is a member of 5 tenants with 20 roles of 50 patterns in each
 * ({@link TenantPopulation}). The tenants' definitions are built first and shared, as a cache of tenant definitions
 * holds them; then {@value #USERS} users' permissions are built from their memberships, and the live heap before and
 * after gives the bytes per user.
 */
@State(Scope.Benchmark)
public class TenantRetainedMemoryBenchmark extends MemoryBenchmark {

    static final int USERS = 1024;

    private TenantPopulation population;
    private Map<String, TenantDefinition> definitions;

    /** Bytes a member of five tenants costs. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CachedMember {
        /** Heap retained per user: the permissions value with its identity and five memberships. */
        public long bytesPerUser;
        /** Of which the five memberships: the map of them and each one's own part (JOL, one user). */
        public long tenantBytesPerUser;
        /** The tenants' definitions, shared by all members and counted once (JOL). */
        public long sharedDefinitionBytes;
    }

    @Setup(Level.Trial)
    public void setUp() {
        population = TenantPopulation.generate(USERS, new Random(13));
        definitions = population.definitions();
    }

    @Benchmark
    public Object tenantMemberships(CachedMember retained) {
        EffectivePermissions[] cached = new EffectivePermissions[USERS];
        long before = liveHeapBytes();
        for (int i = 0; i < USERS; i++) {
            cached[i] = TenantPopulation.permissions(population.members.get(i), definitions);
        }
        long after = liveHeapBytes();
        retained.bytesPerUser = (after - before) / USERS;
        GraphLayout shared = GraphLayout.parseInstance(definitions.values().toArray());
        retained.tenantBytesPerUser = GraphLayout.parseInstance(cached[0].tenants()).subtract(shared).totalSize();
        retained.sharedDefinitionBytes = shared.totalSize();
        return cached; // keeps the values alive through the second count
    }
}
