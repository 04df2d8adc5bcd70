package ai.codemie.auth.servlet;

import ai.codemie.auth.error.AuthException;
import ai.codemie.auth.policy.Requirement;
import ai.codemie.auth.policy.RequirementTemplate;
import ai.codemie.auth.policy.Requirements;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A table of path rules: for a request method and path, the {@link Requirement} the caller must meet, or that the
 * path is public. The first rule that matches wins; a request no rule matches gets the fallback requirement
 * ({@link Requirements#authenticated()} unless changed), so forgetting a rule never opens an endpoint to
 * anonymous callers. A rule for {@code GET} also covers {@code HEAD}. Patterns match case-sensitively and a trailing
 * slash makes another path; a path that differs from a pattern only by those is refused rather than left to the
 * fallback. Immutable.
 *
 * <pre>{@code
 * PathRules rules = PathRules.builder()
 *         .publicPath("GET", "/v1/health")
 *         .require("GET", "/v1/projects/{project}/assistants", RequirementKind.PROJECT_ACCESS.on("project"))
 *         .require("POST", "/v1/admin/application", Requirements.adminOrMaintainer())
 *         .require("POST", "/v1/agents/{agent}/chat", RequirementKind.TENANT_PERMISSION.on("agent", "chat", "agent"))
 *         .build();
 * }</pre>
 */
public final class PathRules {

    /** The method of a rule that applies to every method. */
    public static final String ANY_METHOD = "*";

    private final List<Rule> rules;
    private final Requirement fallback;

    private PathRules(List<Rule> rules, Requirement fallback) {
        this.rules = List.copyOf(rules);
        this.fallback = fallback;
    }

    /** An empty table whose fallback is {@link Requirements#authenticated()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The rules, in the order they are tried. */
    public List<Rule> rules() {
        return rules;
    }

    /** The requirement of requests that no rule matches. */
    public Requirement fallback() {
        return fallback;
    }

    /**
     * What applies to the request. A path that matches no rule as written but would match one if letter case and a
     * trailing slash did not count is refused: a router that ignores them would call that rule's endpoint, which the
     * fallback must not decide.
     *
     * @param method the HTTP method
     * @param path   the decoded path inside the application (servlet path plus path info)
     * @throws AuthException 400 for a path that differs from a rule's pattern only by letter case or a trailing slash
     */
    public Match match(String method, String path) {
        List<String> segments = PathPattern.segmentsOf(path);
        if (segments == null) {
            return new Match(null, Map.of());
        }
        for (Rule rule : rules) {
            if (rule.appliesTo(method)) {
                Map<String, String> variables = rule.pattern().match(segments);
                if (variables != null) {
                    return new Match(rule, variables);
                }
            }
        }
        for (Rule rule : rules) {
            if (rule.appliesTo(method) && rule.pattern().resembles(segments)) {
                throw UnambiguousPath.refusal("The path differs from an endpoint's path by letter case or a trailing "
                        + "slash; send it exactly.");
            }
        }
        return new Match(null, Map.of());
    }

    /**
     * One row of the table.
     *
     * @param method      the HTTP method in upper case, or {@value #ANY_METHOD}
     * @param pattern     the path pattern
     * @param requirement the requirement built from the captured path variables (and the request's active tenant);
     *                    null for a public path
     */
    public record Rule(String method, PathPattern pattern, RuleRequirement requirement) {

        public Rule {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(pattern, "pattern");
        }

        /** Whether anyone, signed in or not, may call the path. */
        public boolean isPublic() {
            return requirement == null;
        }

        boolean appliesTo(String requestMethod) {
            return method.equals(ANY_METHOD) || method.equals(requestMethod)
                    || (method.equals("GET") && "HEAD".equals(requestMethod));
        }
    }

    /** How a rule builds the requirement of one request. */
    @FunctionalInterface
    public interface RuleRequirement {

        /**
         * The requirement.
         *
         * @param variables    the captured path variables
         * @param activeTenant the request's active tenant, asked only by a rule that decides in a tenant; it throws
         *                     the 400 of a malformed tenant header or of tenants that are off
         */
        Requirement build(Map<String, String> variables, Supplier<String> activeTenant);
    }

    /**
     * The outcome of {@link #match}: the rule that matched (null when none did, so the fallback applies) and the
     * captured path variables.
     */
    public final class Match {
        private final Rule rule;
        private final Map<String, String> variables;

        private Match(Rule rule, Map<String, String> variables) {
            this.rule = rule;
            this.variables = variables;
        }

        /** The rule that matched, or null when the fallback applies. */
        public Rule rule() {
            return rule;
        }

        /** The captured path variables. */
        public Map<String, String> variables() {
            return variables;
        }

        /** Whether the request may proceed without a token. */
        public boolean isPublic() {
            return rule != null && rule.isPublic();
        }

        /**
         * The requirement the caller must meet, for a rule that does not decide in a tenant; may throw if the rule's
         * function does (callers deny then).
         *
         * @throws IllegalStateException for a public match, which has no requirement, or a rule that needs the
         *                               active tenant
         */
        public Requirement requirement() {
            return requirement(() -> {
                throw new IllegalStateException("the rule decides in the request's active tenant, which was not given");
            });
        }

        /**
         * The requirement the caller must meet; may throw if the rule's function does (callers deny then).
         *
         * @param activeTenant the request's active tenant (see {@link ActiveTenant}), asked only when the rule decides
         *                     in a tenant
         * @throws IllegalStateException for a public match, which has no requirement
         * @throws AuthException         400, from {@code activeTenant}, or for a path variable that is malformed as
         *                               the rule reads it (a permission's instance holding {@code *})
         */
        public Requirement requirement(Supplier<String> activeTenant) {
            if (rule == null) {
                return fallback;
            }
            if (rule.isPublic()) {
                throw new IllegalStateException("a public path has no requirement");
            }
            return Objects.requireNonNull(rule.requirement().build(variables, activeTenant),
                    "rule returned no requirement");
        }
    }

    /** Collects rules in order; not thread-safe. */
    public static final class Builder {
        private final List<Rule> rules = new ArrayList<>();
        private Requirement fallback = Requirements.authenticated();

        private Builder() {
        }

        /** Anyone may call this method and path; no token is read. */
        public Builder publicPath(String method, String pattern) {
            return add(method, pattern, null);
        }

        /** Callers must meet the requirement. */
        public Builder require(String method, String pattern, Requirement requirement) {
            Objects.requireNonNull(requirement, "requirement");
            return add(method, pattern, (variables, tenant) -> requirement);
        }

        /**
         * Callers must meet the requirement the template builds from the path variables it names, for example
         * {@code require("GET", "/v1/projects/{project}/assistants", RequirementKind.PROJECT_ACCESS.on("project"))};
         * a template that decides in a tenant ({@code RequirementKind.TENANT_PERMISSION.on("agent", "chat",
         * "agent")}) decides in the request's active tenant.
         *
         * @throws IllegalArgumentException when the pattern lacks a variable the template reads
         */
        public Builder require(String method, String pattern, RequirementTemplate requirement) {
            PathPattern parsed = PathPattern.parse(pattern);
            requirement.inputs().forEach(variable -> requireVariable(parsed, pattern, variable));
            return add(method, parsed, (variables, tenant) -> requirement.resolve(variables::get, tenant));
        }

        /**
         * Callers must meet the requirement built from one path variable, for example
         * {@code require("GET", "/v1/projects/{project}/assistants", "project", Requirements::projectAccess)}.
         *
         * @throws IllegalArgumentException when the pattern has no such variable
         */
        public Builder require(String method, String pattern, String variable,
                               Function<String, Requirement> requirement) {
            Objects.requireNonNull(requirement, "requirement");
            PathPattern parsed = PathPattern.parse(pattern);
            requireVariable(parsed, pattern, variable);
            return add(method, parsed, (variables, tenant) -> requirement.apply(variables.get(variable)));
        }

        private static void requireVariable(PathPattern parsed, String pattern, String variable) {
            if (!parsed.variables().contains(variable)) {
                throw new IllegalArgumentException("pattern " + pattern + " has no variable {" + variable + "}");
            }
        }

        /** The requirement of requests no rule matches (default: signed in). */
        public Builder otherwise(Requirement requirement) {
            this.fallback = Objects.requireNonNull(requirement, "requirement");
            return this;
        }

        /** The table. */
        public PathRules build() {
            return new PathRules(rules, fallback);
        }

        private Builder add(String method, String pattern, RuleRequirement requirement) {
            return add(method, PathPattern.parse(pattern), requirement);
        }

        private Builder add(String method, PathPattern pattern, RuleRequirement requirement) {
            Objects.requireNonNull(method, "method");
            rules.add(new Rule(method.toUpperCase(Locale.ROOT), pattern, requirement));
            return this;
        }
    }
}
