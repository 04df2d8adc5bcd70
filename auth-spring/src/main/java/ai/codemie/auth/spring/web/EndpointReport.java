package ai.codemie.auth.spring.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;

/**
 * Every endpoint of the application with what it requires, built once at startup and logged as one block. An
 * endpoint without any access annotation is flagged: refused when deny-by-default is on, and
 * <em>unprotected</em> (open to every signed-in caller) when it is off. Building the report also checks that
 * every project or knowledge base annotation names a path variable or request parameter of its endpoint, so a
 * typo stops startup instead of refusing every request.
 *
 * @param denyUnannotated whether handlers without access annotations are refused
 * @param endpoints       the endpoints, sorted by path
 */
public record EndpointReport(boolean denyUnannotated, List<Endpoint> endpoints) {

    public EndpointReport {
        endpoints = List.copyOf(endpoints);
    }

    /**
     * One endpoint.
     *
     * @param methods  the HTTP methods it answers (empty: all)
     * @param patterns its path patterns
     * @param handler  the handler method, as {@code Controller#method}
     * @param policy   what it requires
     */
    public record Endpoint(Set<String> methods, Set<String> patterns, String handler, EndpointPolicy policy) {

        public Endpoint {
            methods = Set.copyOf(methods);
            patterns = Set.copyOf(patterns);
            Objects.requireNonNull(policy, "policy");
        }

        /** Whether the endpoint has no access annotation. */
        public boolean unannotated() {
            return policy.kind() == EndpointPolicy.Kind.UNANNOTATED;
        }

        private String firstPattern() {
            return patterns.isEmpty() ? "" : new TreeSet<>(patterns).first();
        }
    }

    /** The report of the handler methods of the application's request mappings. */
    public static EndpointReport of(Map<RequestMappingInfo, HandlerMethod> handlers, EndpointPolicies policies,
            boolean denyUnannotated) {
        List<Endpoint> endpoints = new ArrayList<>();
        handlers.forEach((mapping, handler) -> {
            if (EndpointPolicies.isErrorHandler(handler)) {
                return;
            }
            EndpointPolicy policy = policies.policyFor(handler);
            Set<String> patterns = mapping.getPatternValues();
            checkVariables(policy, patterns, handler);
            Set<String> methods = new TreeSet<>();
            mapping.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
            endpoints.add(new Endpoint(methods, patterns,
                    handler.getBeanType().getSimpleName() + "#" + handler.getMethod().getName(), policy));
        });
        endpoints.sort(Comparator.comparing(Endpoint::firstPattern).thenComparing(e -> String.join(",", e.methods())));
        return new EndpointReport(denyUnannotated, endpoints);
    }

    /** The endpoints without any access annotation. */
    public List<Endpoint> unannotated() {
        return endpoints.stream().filter(Endpoint::unannotated).toList();
    }

    /** The endpoints any signed-in caller reaches only because nothing protects them (deny-by-default off). */
    public List<Endpoint> unprotected() {
        return denyUnannotated ? List.of() : unannotated();
    }

    /** The report as the log block: one line per endpoint. */
    public String render() {
        StringBuilder text = new StringBuilder("codemie-auth endpoints (deny-unannotated=" + denyUnannotated + ", "
                + endpoints.size() + " endpoints, " + unprotected().size() + " unprotected):");
        for (Endpoint endpoint : endpoints) {
            String methods = endpoint.methods().isEmpty() ? "*" : String.join(",", new TreeSet<>(endpoint.methods()));
            String rule = endpoint.unannotated()
                    ? (denyUnannotated ? "DENIED: no access annotation" : "UNPROTECTED: no access annotation")
                    : endpoint.policy().describe();
            text.append(String.format("%n  %-7s %-45s %-40s %s", methods,
                    String.join(" | ", new TreeSet<>(endpoint.patterns())), rule, endpoint.handler()));
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return render();
    }

    private static void checkVariables(EndpointPolicy policy, Set<String> patterns, HandlerMethod handler) {
        for (String variable : policy.variables()) {
            boolean inEveryPath = !patterns.isEmpty() && patterns.stream().allMatch(p -> hasVariable(p, variable));
            if (!inEveryPath && !hasRequestParam(handler, variable)) {
                throw new IllegalStateException(handler.getShortLogMessage() + " requires " + policy.describe()
                        + " but '" + variable + "' is neither a path variable of " + patterns
                        + " nor a @RequestParam of the method");
            }
        }
    }

    private static boolean hasVariable(String pattern, String variable) {
        return pattern.contains("{" + variable + "}") || pattern.contains("{" + variable + ":")
                || pattern.contains("{*" + variable + "}");
    }

    private static boolean hasRequestParam(HandlerMethod handler, String variable) {
        return !BoundParameters.of(handler.getMethod(), variable, RequestParam.class).isEmpty();
    }
}
