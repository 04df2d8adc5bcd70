package ai.codemie.auth.bench;

import ai.codemie.auth.bench.BenchIssuer.User;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.model.UserIdentity;
import ai.codemie.auth.policy.Authorizer;
import ai.codemie.auth.policy.Requirements;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Scenario 3: the project-access decision alone, on permissions already resolved, for a user in 10 or in 1,000
 * projects. The data is the same for every contender: {@value #USERS} users, of whom {@value #USERS_IN_EVERY_PROJECT}
 * are members of all {@value Population#PROJECTS} projects and the rest of 10 each (about 200,000 memberships).
 * Half of the requests ask for a project the user may access.
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecisionBenchmark extends TimedBenchmark {

    static final int USERS = 10_000;
    static final int USERS_IN_EVERY_PROJECT = 100;

    /** How many projects the users of the requests are members of: 10, or every one of the 1,000. */
    @Param({"10", "1000"})
    public int projectsPerUser;

    private Ask[] asks;
    private CasbinProjectAccess casbin;
    private final Authorizer authorizer = new Authorizer();

    /**
     * One decision to take, in the form each contender holds the caller: resolved permissions for this library, a
     * {@link HashSet} of project names for the baseline, the user id for jCasbin.
     */
    record Ask(EffectivePermissions permissions, Set<String> projectSet, String userId, String project, User user) {

        @Override
        public String toString() {
            return "decision for " + userId + " on " + project;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(3);
        List<User> users = new ArrayList<>(USERS);
        for (int i = 0; i < USERS; i++) {
            users.add(Population.user(i, false, i < USERS_IN_EVERY_PROJECT ? Population.PROJECTS : 10, random));
        }
        casbin = new CasbinProjectAccess(users);
        List<User> askers = users.stream()
                .filter(user -> user.projects().size() + user.adminProjects().size() == projectsPerUser).toList();
        asks = new Ask[1024];
        for (int i = 0; i < asks.length; i++) {
            User user = askers.get(random.nextInt(askers.size()));
            asks[i] = new Ask(permissions(user), projectSet(user), new String(user.id().toCharArray()),
                    Population.requestedProject(user, random), user);
        }
        Cursor.requirePowerOfTwo(asks);
        Map<String, Predicate<Ask>> contenders = new LinkedHashMap<>();
        contenders.put("codemie-auth Authorizer", this::authorizerAllows);
        contenders.put("codemie-auth EffectivePermissions", ask -> ask.permissions().hasProjectAccess(ask.project()));
        contenders.put("jCasbin", ask -> casbin.allows(ask.userId(), ask.project()));
        contenders.put("HashSet", ask -> ask.projectSet().contains(ask.project()));
        Parity.require("decision", asks, ask -> ask.user().mayAccess(ask.project()), contenders);
    }

    private static EffectivePermissions permissions(User user) {
        return EffectivePermissions.builder(new UserIdentity(user.id(), user.username(), null, null, null,
                        UserIdentity.REGULAR))
                .roles(user.roles()).projects(user.projects()).adminProjects(user.adminProjects()).build();
    }

    private static Set<String> projectSet(User user) {
        Set<String> set = new HashSet<>(user.projects());
        set.addAll(user.adminProjects());
        return set;
    }

    private boolean authorizerAllows(Ask ask) {
        return authorizer.decide(ask.permissions(), Requirements.projectAccess(ask.project())).allowed();
    }

    /** The library's full decision: the requirement for the project, answered by the fail-closed Authorizer. */
    @Benchmark
    public void codemieAuthorizer(Cursor cursor, Blackhole blackhole) {
        blackhole.consume(authorizerAllows(cursor.next(asks)));
    }

    /** The library's rule alone, {@link EffectivePermissions#hasProjectAccess(String)}, without a Decision. */
    @Benchmark
    public void codemiePermissionsCheck(Cursor cursor, Blackhole blackhole) {
        Ask ask = cursor.next(asks);
        blackhole.consume(ask.permissions().hasProjectAccess(ask.project()));
    }

    @Benchmark
    public void jcasbinEnforcer(Cursor cursor, Blackhole blackhole) {
        Ask ask = cursor.next(asks);
        blackhole.consume(casbin.allows(ask.userId(), ask.project()));
    }

    @Benchmark
    public void hashSetBaseline(Cursor cursor, Blackhole blackhole) {
        Ask ask = cursor.next(asks);
        blackhole.consume(ask.projectSet().contains(ask.project()));
    }
}
