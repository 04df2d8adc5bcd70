package ai.codemie.auth.spring.web;

import ai.codemie.auth.error.AuthException;
import ai.codemie.auth.error.Problem;
import ai.codemie.auth.policy.Requirement;
import ai.codemie.auth.policy.RequirementTemplate;
import ai.codemie.auth.policy.Requirements;
import ai.codemie.auth.servlet.ActiveTenant;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.web.servlet.HandlerMapping;

/**
 * What one endpoint requires, as read from its access annotations: public, unannotated, or a list of
 * requirements that must all be met. A requirement reads its request inputs (a project or knowledge base name) from a
 * path variable or request parameter of the request, exactly as the handler will bind it: a parameter given more than
 * once, a name given both in the path and as a parameter, or a value the handler would split into a list is
 * refused with 400 rather than checked on one reading. A tenant permission is decided in the request's
 * {@link ActiveTenant}. Immutable.
 */
public final class EndpointPolicy {

    /** The three kinds of endpoint. */
    public enum Kind {
        /** Marked {@code @PublicEndpoint}: anyone, no token. */
        PUBLIC,
        /** Carries at least one access annotation. */
        PROTECTED,
        /** Carries no access annotation at all. */
        UNANNOTATED
    }

    private static final EndpointPolicy PUBLIC = new EndpointPolicy(Kind.PUBLIC, List.of());
    private static final EndpointPolicy UNANNOTATED = new EndpointPolicy(Kind.UNANNOTATED, List.of());

    private final Kind kind;
    private final List<Part> parts;

    private EndpointPolicy(Kind kind, List<Part> parts) {
        this.kind = kind;
        this.parts = List.copyOf(parts);
    }

    static EndpointPolicy publicEndpoint() {
        return PUBLIC;
    }

    static EndpointPolicy unannotated() {
        return UNANNOTATED;
    }

    static EndpointPolicy protectedBy(List<Part> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a protected endpoint needs at least one requirement");
        }
        return new EndpointPolicy(Kind.PROTECTED, parts);
    }

    /** Which kind of endpoint this is. */
    public Kind kind() {
        return kind;
    }

    /** The names of the path variables or request parameters the requirements read. */
    public List<String> variables() {
        return parts.stream().flatMap(part -> part.template().inputs().stream()).toList();
    }

    /**
     * The requirement this request must meet, with project and knowledge base names taken from the request.
     *
     * @throws IllegalStateException for a public or unannotated endpoint, which has no requirement
     * @throws AuthException         400 when the request lacks a name a requirement needs or gives it ambiguously, a
     *                               value is malformed, or tenants are off for a tenant permission
     */
    public Requirement requirement(HttpServletRequest request) {
        if (kind != Kind.PROTECTED) {
            throw new IllegalStateException("a " + kind + " endpoint has no requirement");
        }
        if (parts.size() == 1) {
            return parts.get(0).resolve(request);
        }
        return Requirements.allOf(parts.stream().map(part -> part.resolve(request)).toArray(Requirement[]::new));
    }

    /** A short description for the startup report, e.g. {@code projectAccess({project})}. */
    public String describe() {
        return switch (kind) {
            case PUBLIC -> "public";
            case UNANNOTATED -> "no access annotation";
            case PROTECTED -> parts.stream().map(Part::describe).collect(Collectors.joining(" and "));
        };
    }

    @Override
    public String toString() {
        return describe();
    }

    /**
     * One requirement of an endpoint: a requirement template, whose request inputs are read as the handler binds
     * them.
     *
     * @param template     the requirement as declared
     * @param takesSeveral the inputs the handler may bind as several values (see
     *                     {@link BoundParameters#mayTakeSeveral})
     * @param describe     how the report shows it
     */
    record Part(RequirementTemplate template, Set<String> takesSeveral, String describe) {

        Part {
            takesSeveral = Set.copyOf(takesSeveral);
        }

        /** The template for this handler method, shown as the template describes itself. */
        static Part of(RequirementTemplate template, Method handler) {
            return new Part(template, template.inputs().stream()
                    .filter(input -> BoundParameters.mayTakeSeveral(handler, input))
                    .collect(Collectors.toSet()), template.describe());
        }

        Requirement resolve(HttpServletRequest request) {
            return template.resolve(input -> valueOf(request, input), () -> ActiveTenant.of(request));
        }

        /**
         * The name exactly as the handler will bind it; a request that could give the handler another name than
         * the one checked is refused.
         */
        private String valueOf(HttpServletRequest request, String variable) {
            String[] parameters = request.getParameterValues(variable);
            if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> vars
                    && vars.get(variable) instanceof String value) {
                if (parameters != null) {
                    // a form object binds the request parameter over the path variable
                    throw ambiguous(variable, "'" + variable + "' is given both in the path and as a request "
                            + "parameter; give it once.");
                }
                return single(variable, value);
            }
            if (parameters == null || parameters.length == 0 || (parameters.length == 1 && parameters[0].isEmpty())) {
                throw new AuthException(new Problem(Problem.Status.BAD_REQUEST, "missing_parameter",
                        "Missing parameter '" + variable + "'", null, null));
            }
            if (parameters.length > 1) {
                // Spring binds every value (joined with commas for a String) where getParameter gives the first
                throw ambiguous(variable, "The parameter '" + variable + "' is given more than once; give it once.");
            }
            return single(variable, parameters[0]);
        }

        private String single(String variable, String value) {
            if (takesSeveral.contains(variable) && (value.indexOf(',') >= 0 || !value.equals(value.strip()))) {
                throw ambiguous(variable, "The value of '" + variable + "' holds a comma or surrounding spaces, and "
                        + "this endpoint would read it as a list; give one name.");
            }
            return value;
        }

        private static AuthException ambiguous(String variable, String details) {
            return new AuthException(new Problem(Problem.Status.BAD_REQUEST, "ambiguous_parameter",
                    "Ambiguous parameter '" + variable + "'", details, null));
        }
    }
}
