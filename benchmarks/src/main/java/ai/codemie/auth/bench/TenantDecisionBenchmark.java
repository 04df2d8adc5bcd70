package ai.codemie.auth.bench;

import ai.codemie.auth.bench.TenantPopulation.Member;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.model.PermissionRequest;
import ai.codemie.auth.model.TenantAccess;
import ai.codemie.auth.model.TenantDefinition;
import ai.codemie.auth.policy.AccessExplanation;
import ai.codemie.auth.policy.Authorizer;
import ai.codemie.auth.policy.Requirements;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Scenario 6: a tenant permission check on permissions already resolved, for users in 5 tenants with 20 roles of 50
 * patterns each ({@link TenantPopulation}: {@value #USERS} users, 6 tenants of 24 roles). The requests ask in one of
 * the user's tenants or in the one they are not a member of; about half are allowed, the rest denied for each of
 * the three reasons.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TenantDecisionBenchmark extends TimedBenchmark {

    static final int USERS = 64;
    /** Fewer than the other scenarios' 1,024: jCasbin takes milliseconds per request, and parity asks it each one. */
    static final int REQUESTS = 256;

    private Ask[] asks;
    private CasbinTenantAccess casbin;
    private final Authorizer authorizer = new Authorizer();

    /**
     * One decision to take: the member's resolved permissions for this library and their id for jCasbin, the tenant,
     * and the permission in parts (as an endpoint has them: its resource and action, the instance from its path) and
     * parsed.
     */
    record Ask(EffectivePermissions permissions, String userId, String tenant, String resource, String action,
            String instance, PermissionRequest parsed, Member member) {

        @Override
        public String toString() {
            return "decision for " + userId + " in " + tenant + " on " + parsed;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(5);
        TenantPopulation population = TenantPopulation.generate(USERS, random);
        Map<String, TenantDefinition> definitions = population.definitions();
        casbin = new CasbinTenantAccess(population.tenants, population.members);
        asks = new Ask[REQUESTS];
        for (int i = 0; i < asks.length; i++) {
            Member member = population.members.get(random.nextInt(USERS));
            String tenant = population.tenants.get(random.nextInt(TenantPopulation.TENANTS)).id();
            PermissionRequest permission = PermissionRequest.parse(population.requestedPermission(member, tenant,
                    random));
            asks[i] = new Ask(TenantPopulation.permissions(member, definitions), member.id(), tenant,
                    permission.resource(), permission.action(), permission.instance(), permission, member);
        }
        Cursor.requirePowerOfTwo(asks);
        Map<String, Predicate<Ask>> contenders = new LinkedHashMap<>();
        contenders.put("codemie-auth Authorizer", this::authorizerAllows);
        contenders.put("codemie-auth TenantAccess", TenantDecisionBenchmark::accessAllows);
        contenders.put("jCasbin", this::casbinAllows);
        System.out.println("tenant decision outcomes of the " + asks.length + " requests: " + Arrays.stream(asks)
                .map(ask -> AccessExplanation.explain(ask.permissions(), ask.tenant(), ask.parsed()).reason())
                .collect(Collectors.groupingBy(reason -> reason == null ? "allowed" : reason.code(),
                        TreeMap::new, Collectors.counting())));
        Parity.require("tenant decision", asks, ask -> ask.member().mayDo(population.tenants, ask.tenant(),
                ask.resource(), ask.action(), ask.instance()), contenders);
    }

    private boolean authorizerAllows(Ask ask) {
        PermissionRequest permission = PermissionRequest.of(ask.resource(), ask.action(), ask.instance());
        return authorizer.decide(ask.permissions(), Requirements.tenantPermission(ask.tenant(), permission))
                .allowed();
    }

    private static boolean accessAllows(Ask ask) {
        TenantAccess access = ask.permissions().tenants().get(ask.tenant());
        return access != null && access.rolesGrant(ask.parsed()) && access.boundaryAllows(ask.parsed());
    }

    private boolean casbinAllows(Ask ask) {
        return casbin.allows(ask.userId(), ask.tenant(), ask.resource(), ask.action(), ask.instance());
    }

    /**
     * The library's full decision as an adapter takes it: the permission built from its parts (each checked), the
     * requirement built (the tenant id checked), and the fail-closed Authorizer's answer.
     */
    @Benchmark
    public void codemieAuthorizer(Cursor cursor, Blackhole blackhole) {
        blackhole.consume(authorizerAllows(cursor.next(asks)));
    }

    /** The rule alone on a parsed permission: membership lookup, roles, boundary, without a Decision. */
    @Benchmark
    public void codemieTenantAccess(Cursor cursor, Blackhole blackhole) {
        blackhole.consume(accessAllows(cursor.next(asks)));
    }

    @Benchmark
    public void jcasbinEnforcer(Cursor cursor, Blackhole blackhole) {
        blackhole.consume(casbinAllows(cursor.next(asks)));
    }
}
