package ai.codemie.auth.policy;

import static org.assertj.core.api.Assertions.assertThat;

import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.model.PermissionPattern;
import ai.codemie.auth.model.PermissionRequest;
import ai.codemie.auth.model.TenantAccess;
import ai.codemie.auth.model.TenantDefinition;
import ai.codemie.auth.model.TenantRole;
import ai.codemie.auth.model.UserIdentity;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Properties of tenant decisions and of the no-escalation coverage, on random tenants, roles, boundaries,
 * memberships and permissions drawn from small name pools (so that patterns and permissions meet often), plus a
 * name no pattern uses, standing for the unbounded rest. {@code ./mvnw verify} runs the committed seed corpus; with
 * {@code JAZZER_FUZZ=1} Jazzer searches for counter-examples.
 */
class TenantAccessFuzzTest {

    static final String[] RESOURCES = {"a", "b"};
    static final String[] ACTIONS = {"x", "y"};
    static final String[] INSTANCES = {"i", "j"};
    /** A name in no pattern. */
    static final String FRESH = "z";
    static final String[] TENANTS = {"t0", "t1", "t2"};

    /** A pattern's parts as generated: {@code *} for any, a null instance for none written. */
    record Raw(String resource, String action, String instance) {
        PermissionPattern parse() {
            return PermissionPattern.parse(resource + ":" + action + (instance == null ? "" : ":" + instance));
        }

        /** The definition of a match, written out on the parts. */
        boolean matches(String r, String a, String i) {
            return part(resource, r) && part(action, a) && (instance == null || part(instance, i));
        }

        private static boolean part(String pattern, String value) {
            return pattern.equals("*") || pattern.equals(value);
        }
    }

    record RawRole(String name, List<Raw> patterns) {
    }

    record RawTenant(String id, List<Raw> boundary, List<RawRole> roles) {
    }

    @FuzzTest(maxDuration = "60s")
    void decisionsAgreeWithExplanationsAndWithTheDefinition(FuzzedDataProvider data) {
        List<RawTenant> tenants = new ArrayList<>();
        List<TenantAccess> memberships = new ArrayList<>();
        List<List<String>> held = new ArrayList<>(); // per tenant of `tenants`: null when not a member
        for (String id : TENANTS) {
            if (!data.consumeBoolean()) {
                continue; // the tenant does not exist
            }
            List<RawRole> roles = new ArrayList<>();
            int roleCount = data.consumeInt(0, 4);
            for (int r = 0; r < roleCount; r++) {
                roles.add(new RawRole("Role " + r, patterns(data, 4)));
            }
            RawTenant tenant = new RawTenant(id, patterns(data, 3), roles);
            tenants.add(tenant);
            TenantDefinition definition = TenantDefinition.of(id, parse(tenant.boundary()), roles.stream()
                    .map(role -> new TenantRole(role.name(), parse(role.patterns()))).toList());
            if (data.consumeBoolean()) {
                List<String> names = new ArrayList<>();
                List<String> asGiven = new ArrayList<>();
                for (RawRole role : roles) {
                    if (data.consumeBoolean()) {
                        names.add(role.name());
                        // role names are matched ignoring case
                        asGiven.add(data.consumeBoolean() ? role.name().toUpperCase(Locale.ROOT) : role.name());
                    }
                }
                memberships.add(definition.access(asGiven));
                held.add(names);
            } else {
                held.add(null);
            }
        }
        EffectivePermissions caller = EffectivePermissions.builder(
                        new UserIdentity("u-1", "user", null, null, null, UserIdentity.REGULAR))
                .admin(data.consumeBoolean()).maintainer(data.consumeBoolean()).tenants(memberships).build();
        String tenant = data.pickValue(TENANTS);
        String r = pick(data, RESOURCES);
        String a = pick(data, ACTIONS);
        String i = data.consumeBoolean() ? null : pick(data, INSTANCES);
        PermissionRequest permission = PermissionRequest.of(r, a, i);

        Decision decision = new Authorizer().decide(caller, Requirements.tenantPermission(tenant, permission));
        AccessExplanation explanation = AccessExplanation.explain(caller, tenant, permission);

        assertThat(decision.allowed()).isEqualTo(explanation.allowed());
        assertThat(decision.reason()).isEqualTo(explanation.reason());
        assertThat(decision).isEqualTo(explanation.decision());

        int index = indexOf(tenants, tenant);
        List<String> names = index < 0 ? null : held.get(index);
        if (names == null) {
            assertThat(decision.reason()).isEqualTo(new DenyReason.NotTenantMember(tenant));
            assertThat(explanation.roles()).isEmpty();
            assertThat(explanation.grantingRoles()).isEmpty();
            assertThat(explanation.boundaryAllows()).isFalse();
            return;
        }
        RawTenant definition = tenants.get(index);
        List<String> granting = definition.roles().stream().filter(role -> names.contains(role.name()))
                .filter(role -> role.patterns().stream().anyMatch(p -> p.matches(r, a, i)))
                .map(RawRole::name).toList();
        boolean boundary = definition.boundary().stream().anyMatch(p -> p.matches(r, a, i));
        assertThat(decision.allowed()).isEqualTo(!granting.isEmpty() && boundary);
        assertThat(explanation.roles()).containsExactlyElementsOf(names);
        assertThat(explanation.grantingRoles()).containsExactlyElementsOf(granting);
        assertThat(explanation.boundaryAllows()).isEqualTo(boundary);
        String expectedReason = granting.isEmpty() ? "no_role_grants" : boundary ? null : "outside_tenant_boundary";
        assertThat(decision.reason() == null ? null : decision.reason().code()).isEqualTo(expectedReason);
    }

    @FuzzTest(maxDuration = "60s")
    void coverageIsSoundAndNamesARealEscalation(FuzzedDataProvider data) {
        List<Raw> granted = patterns(data, 5);
        List<Raw> requested = patterns(data, 5);
        List<Raw> boundary = patterns(data, 4);
        Optional<PermissionPattern> uncovered = PatternCoverage.firstUncovered(parse(granted), parse(requested),
                parse(boundary));

        List<String[]> universe = new ArrayList<>();
        for (String r : List.of(RESOURCES[0], RESOURCES[1], FRESH)) {
            for (String a : List.of(ACTIONS[0], ACTIONS[1], FRESH)) {
                for (String i : new String[] {null, INSTANCES[0], INSTANCES[1], FRESH}) {
                    universe.add(new String[] {r, a, i});
                }
            }
        }
        if (uncovered.isEmpty()) {
            for (String[] q : universe) {
                if (allowed(requested, boundary, q)) {
                    assertThat(allowed(granted, boundary, q)).as("%s covered", String.join(":", nonNull(q)))
                            .isTrue();
                }
            }
            return;
        }
        int position = parse(requested).indexOf(uncovered.get());
        Raw escalating = requested.get(position);
        assertThat(uncovered.get()).hasToString(escalating.parse().toString());
        assertThat(PatternCoverage.firstUncovered(parse(granted), parse(requested.subList(0, position)),
                parse(boundary))).isEmpty();
        assertThat(universe).as("a permission %s allows in the tenant that the caller may not have", escalating)
                .anyMatch(q -> allowed(List.of(escalating), boundary, q) && !allowed(granted, boundary, q));
    }

    private static boolean allowed(List<Raw> patterns, List<Raw> boundary, String[] q) {
        return patterns.stream().anyMatch(p -> p.matches(q[0], q[1], q[2]))
                && boundary.stream().anyMatch(p -> p.matches(q[0], q[1], q[2]));
    }

    private static List<String> nonNull(String[] parts) {
        return Arrays.stream(parts).filter(p -> p != null).toList();
    }

    private static List<Raw> patterns(FuzzedDataProvider data, int most) {
        List<Raw> patterns = new ArrayList<>();
        int count = data.consumeInt(0, most);
        for (int n = 0; n < count; n++) {
            String instance = switch (data.consumeInt(0, 3)) {
                case 0 -> null;
                case 1 -> "*";
                default -> data.pickValue(INSTANCES);
            };
            patterns.add(new Raw(patternPart(data, RESOURCES), patternPart(data, ACTIONS), instance));
        }
        return patterns;
    }

    private static String patternPart(FuzzedDataProvider data, String[] pool) {
        return data.consumeInt(0, pool.length) == pool.length ? "*" : data.pickValue(pool);
    }

    /** A name of the pool or, now and then, one that no pattern uses. */
    private static String pick(FuzzedDataProvider data, String[] pool) {
        return data.consumeInt(0, pool.length) == pool.length ? FRESH : data.pickValue(pool);
    }

    private static List<PermissionPattern> parse(List<Raw> raw) {
        return raw.stream().map(Raw::parse).toList();
    }

    private static int indexOf(List<RawTenant> tenants, String id) {
        for (int n = 0; n < tenants.size(); n++) {
            if (tenants.get(n).id().equals(id)) {
                return n;
            }
        }
        return -1;
    }
}
