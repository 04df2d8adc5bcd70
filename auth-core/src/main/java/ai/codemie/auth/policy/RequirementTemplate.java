package ai.codemie.auth.policy;

import ai.codemie.auth.error.AuthException;
import ai.codemie.auth.error.Problem;
import ai.codemie.auth.model.InvalidSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * A requirement kind as an endpoint or path rule declares it, before a request fills it in: the value of each
 * declared parameter given where it is declared (a role), or the name of the request input that holds it (the path
 * variable {@code project}); a kind that decides in a tenant also takes the request's active tenant. Immutable.
 *
 * <pre>{@code
 * RequirementTemplate template = RequirementKind.PROJECT_ACCESS.on("project");
 * Requirement requirement = template.resolve(pathVariables::get);   // projectAccess(proj-a)
 * }</pre>
 */
public final class RequirementTemplate {

    private final RequirementKind kind;
    /** One per declared parameter of the kind. */
    private final List<String> arguments;
    private final List<String> inputs;
    /** The requirement when nothing is read from the request, made once. */
    private final Requirement fixed;

    /** Takes arguments {@link RequirementKind#on} checked. */
    RequirementTemplate(RequirementKind kind, List<String> arguments) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.arguments = List.copyOf(arguments);
        List<RequirementKind.Parameter> parameters = kind.declared();
        for (int i = 0; i < parameters.size(); i++) {
            RequirementKind.Parameter parameter = parameters.get(i);
            String argument = this.arguments.get(i);
            if (parameter.input() && argument.isBlank() && !(parameter.optional() && argument.isEmpty())) {
                throw new IllegalArgumentException(kind.label() + " needs the name of the path variable or request "
                        + "parameter that holds the " + parameter.name());
            }
        }
        this.inputs = IntStream.range(0, parameters.size())
                .filter(i -> parameters.get(i).input() && !this.arguments.get(i).isEmpty())
                .mapToObj(this.arguments::get).toList();
        this.fixed = inputs.isEmpty() && !kind.needsActiveTenant()
                ? kind.requirement(this.arguments.toArray(String[]::new)) : null;
    }

    /** The kind. */
    public RequirementKind kind() {
        return kind;
    }

    /** The names of the request inputs (path variables or request parameters) the requirement reads. */
    public List<String> inputs() {
        return inputs;
    }

    /** Whether the requirement decides in the request's active tenant, which {@link #resolve} must then be given. */
    public boolean needsActiveTenant() {
        return kind.needsActiveTenant();
    }

    /**
     * The requirement of one request, for a kind that does not decide in a tenant.
     *
     * @throws IllegalStateException when {@code inputs} returns null, or the kind needs the active tenant
     * @see #resolve(Function, Supplier)
     */
    public Requirement resolve(Function<String, String> inputs) {
        return resolve(inputs, () -> {
            throw new IllegalStateException(describe() + " decides in the request's active tenant, which was not "
                    + "given");
        });
    }

    /**
     * The requirement of one request.
     *
     * @param inputs       the value of a named request input; it may throw to refuse a request that lacks it or gives
     *                     it ambiguously, and must not return null
     * @param activeTenant the request's active tenant, asked only when the kind {@link #needsActiveTenant() needs
     *                     it}; it may throw to refuse a request whose tenant is malformed or where tenants are off
     * @throws IllegalStateException when {@code inputs} returns null
     * @throws AuthException         400 when a value read from the request is empty or malformed (a permission's
     *                               instance holding {@code *} or a character it may not hold)
     */
    public Requirement resolve(Function<String, String> inputs, Supplier<String> activeTenant) {
        if (fixed != null) {
            return fixed;
        }
        List<RequirementKind.Parameter> parameters = kind.parameters();
        String[] values = new String[parameters.size()];
        int declared = 0;
        for (int i = 0; i < values.length; i++) {
            RequirementKind.Parameter parameter = parameters.get(i);
            if (parameter.activeTenant()) {
                values[i] = activeTenant.get();
                continue;
            }
            String argument = arguments.get(declared++);
            if (!parameter.input() || argument.isEmpty()) {
                values[i] = argument;
                continue;
            }
            values[i] = inputs.apply(argument);
            if (values[i] == null) {
                throw new IllegalStateException("the request has no input '" + argument + "'");
            }
            if (values[i].isEmpty()) {
                // an empty value stands for none in a requirement; from the request it is a missing one
                throw new AuthException(new Problem(Problem.Status.BAD_REQUEST, "missing_parameter",
                        "Missing parameter '" + argument + "'", null, null));
            }
        }
        try {
            return kind.requirement(values);
        } catch (InvalidSyntaxException malformed) {
            // the declaration was checked when it was made: what is malformed came with the request
            throw TenantHeader.invalid(malformed);
        }
    }

    /**
     * A short description for reports, with request inputs in braces: {@code projectAccess({project})},
     * {@code tenantPermission(agent:chat:{agent})}.
     */
    public String describe() {
        if (fixed != null) {
            return fixed.describe();
        }
        List<RequirementKind.Parameter> parameters = kind.declared();
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            String argument = arguments.get(i);
            if (!parameters.get(i).input()) {
                shown.add(argument);
            } else if (!argument.isEmpty()) {
                shown.add("{" + argument + "}");
            }
        }
        return kind.describe(shown);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RequirementTemplate that && kind == that.kind && arguments.equals(that.arguments);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + arguments.hashCode();
    }

    @Override
    public String toString() {
        return describe();
    }
}
