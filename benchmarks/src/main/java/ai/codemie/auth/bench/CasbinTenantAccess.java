package ai.codemie.auth.bench;

import ai.codemie.auth.bench.TenantPopulation.Member;
import ai.codemie.auth.bench.TenantPopulation.Tenant;
import java.util.ArrayList;
import java.util.List;
import org.casbin.jcasbin.main.Enforcer;
import org.casbin.jcasbin.model.Model;
import org.casbin.jcasbin.util.EnforceContext;

/**
 * jCasbin's answer to the tenant rule: RBAC with domains, one domain per tenant, the user holding roles in it
 * ({@code g = _, _, _}); one policy per pattern of a role ({@code p = role, tenant, resource, action, instance}) and
 * the boundary as a second policy type ({@code p2}) with its own matcher, asked through an {@link EnforceContext}.
 * {@code *} is written in the matchers, and an omitted instance is stored as {@code *}; a request without an
 * instance asks for the empty instance, which only {@code *} matches. The tenant is compared first, so a policy of
 * another tenant costs one string comparison.
 */
public final class CasbinTenantAccess {

    private static final String MODEL = """
            [request_definition]
            r = sub, dom, res, act, inst
            r2 = dom, res, act, inst

            [policy_definition]
            p = role, dom, res, act, inst
            p2 = dom, res, act, inst

            [role_definition]
            g = _, _, _

            [policy_effect]
            e = some(where (p.eft == allow))
            e2 = some(where (p.eft == allow))

            [matchers]
            m = r.dom == p.dom && (p.res == "*" || p.res == r.res) && (p.act == "*" || p.act == r.act) \
            && (p.inst == "*" || p.inst == r.inst) && g(r.sub, p.role, r.dom)
            m2 = r2.dom == p2.dom && (p2.res == "*" || p2.res == r2.res) && (p2.act == "*" || p2.act == r2.act) \
            && (p2.inst == "*" || p2.inst == r2.inst)
            """;

    private final Enforcer enforcer;
    private final EnforceContext boundary = new EnforceContext("2");

    /** An enforcer holding every tenant, role pattern, boundary pattern and membership, loaded as from a store. */
    public CasbinTenantAccess(List<Tenant> tenants, List<Member> members) {
        enforcer = new Enforcer(Model.newModelFromString(MODEL), new TenantAdapter(tenants, members));
        enforcer.enableLog(false);
    }

    /** Whether the user may do {@code resource:action[:instance]} (instance null when none) in the tenant. */
    public boolean allows(String userId, String tenant, String resource, String action, String instance) {
        String asked = instance == null ? "" : instance;
        return enforcer.enforce(userId, tenant, resource, action, asked)
                && enforcer.enforce(boundary, tenant, resource, action, asked);
    }

    /** Loads everything in one pass, as a database adapter does. */
    private record TenantAdapter(List<Tenant> tenants, List<Member> members) implements LoadOnlyAdapter {

        @Override
        public void loadPolicy(Model model) {
            for (Tenant tenant : tenants) {
                tenant.roles().forEach((role, patterns) -> patterns.forEach(pattern ->
                        model.addPolicy("p", "p", rule(List.of(role, tenant.id()), pattern))));
                tenant.boundary().forEach(pattern -> model.addPolicy("p", "p2", rule(List.of(tenant.id()), pattern)));
            }
            for (Member member : members) {
                member.roles().forEach((tenant, roles) ->
                        roles.forEach(role -> model.addPolicy("g", "g", List.of(member.id(), role, tenant))));
            }
        }

        /** The leading fields, then the pattern's three parts, an omitted instance as {@code *}. */
        private static List<String> rule(List<String> leading, String pattern) {
            String[] parts = pattern.split(":");
            List<String> rule = new ArrayList<>(leading);
            rule.addAll(List.of(parts[0], parts[1], parts.length == 3 ? parts[2] : "*"));
            return rule;
        }
    }
}
