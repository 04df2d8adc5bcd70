package ai.codemie.auth.bench;

import ai.codemie.auth.bench.BenchIssuer.User;
import java.util.List;
import org.casbin.jcasbin.main.Enforcer;
import org.casbin.jcasbin.model.Model;

/**
 * jCasbin's answer to the project rule: RBAC with domains, one domain per project, the user holding the
 * {@code member} or {@code project_admin} role in it. The permission is the same in every domain, so it is written
 * once per role without a domain: the setup that keeps jCasbin's policy scan shortest (two policies) and needs no
 * domain-matching function (with {@code keyMatch} on the domain, loading 200,000 role links takes minutes).
 */
public final class CasbinProjectAccess {

    private static final String MODEL = """
            [request_definition]
            r = sub, dom, obj, act

            [policy_definition]
            p = sub, obj, act

            [role_definition]
            g = _, _, _

            [policy_effect]
            e = some(where (p.eft == allow))

            [matchers]
            m = g(r.sub, p.sub, r.dom) && r.obj == p.obj && r.act == p.act
            """;

    private final Enforcer enforcer;

    /** An enforcer holding every membership of the users, loaded as a storage adapter loads them. */
    public CasbinProjectAccess(List<User> users) {
        enforcer = new Enforcer(Model.newModelFromString(MODEL), new MembershipAdapter(users));
        enforcer.enableLog(false);
    }

    /** Whether the user may access the project. */
    public boolean allows(String userId, String project) {
        return enforcer.enforce(userId, project, "project", "access");
    }

    /**
     * Loads the two permissions and every membership in one pass, as a database adapter does; adding 200,000
     * grouping rules one by one through the management API takes minutes, which is not what is measured here.
     */
    private record MembershipAdapter(List<User> users) implements LoadOnlyAdapter {

        @Override
        public void loadPolicy(Model model) {
            model.addPolicy("p", "p", List.of("member", "project", "access"));
            model.addPolicy("p", "p", List.of("project_admin", "project", "access"));
            for (User user : users) {
                user.projects().forEach(project -> model.addPolicy("g", "g", List.of(user.id(), "member", project)));
                user.adminProjects().forEach(project ->
                        model.addPolicy("g", "g", List.of(user.id(), "project_admin", project)));
            }
        }
    }
}
