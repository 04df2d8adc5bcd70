package ai.codemie.auth.policy;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A requirement kind as an endpoint or path rule declares it, before a request fills it in: the value of each
 * parameter given where it is declared (a role), or the name of the request input that holds it (the path variable
 * {@code project}). Immutable.
 *
 * <pre>{@code
 * RequirementTemplate template = RequirementKind.PROJECT_ACCESS.on("project");
 * Requirement requirement = template.resolve(pathVariables::get);   // projectAccess(proj-a)
 * }</pre>
 */
public final class RequirementTemplate {

    private final RequirementKind kind;
    private final List<String> arguments;
    private final List<String> inputs;
    /** The requirement when no parameter is read from the request, made once. */
    private final Requirement fixed;

    /** Takes arguments {@link RequirementKind#on} checked. */
    RequirementTemplate(RequirementKind kind, List<String> arguments) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.arguments = List.copyOf(arguments);
        List<RequirementKind.Parameter> parameters = kind.parameters();
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i).input() && this.arguments.get(i).isBlank()) {
                throw new IllegalArgumentException(kind.label() + " needs the name of the path variable or request "
                        + "parameter that holds the " + parameters.get(i).name());
            }
        }
        this.inputs = IntStream.range(0, parameters.size()).filter(i -> parameters.get(i).input())
                .mapToObj(this.arguments::get).toList();
        this.fixed = inputs.isEmpty() ? kind.requirement(this.arguments.toArray(String[]::new)) : null;
    }

    /** The kind. */
    public RequirementKind kind() {
        return kind;
    }

    /** The names of the request inputs (path variables or request parameters) the requirement reads. */
    public List<String> inputs() {
        return inputs;
    }

    /**
     * The requirement of one request.
     *
     * @param inputs the value of a named request input; it may throw to refuse a request that lacks it or gives it
     *               ambiguously, and must not return null
     * @throws IllegalStateException when {@code inputs} returns null
     */
    public Requirement resolve(Function<String, String> inputs) {
        if (fixed != null) {
            return fixed;
        }
        List<RequirementKind.Parameter> parameters = kind.parameters();
        String[] values = new String[parameters.size()];
        for (int i = 0; i < values.length; i++) {
            String argument = arguments.get(i);
            values[i] = parameters.get(i).input() ? inputs.apply(argument) : argument;
            if (values[i] == null) {
                throw new IllegalStateException("the request has no input '" + argument + "'");
            }
        }
        return kind.requirement(values);
    }

    /** A short description for reports, with request inputs in braces: {@code projectAccess({project})}. */
    public String describe() {
        if (fixed != null) {
            return fixed.describe();
        }
        List<RequirementKind.Parameter> parameters = kind.parameters();
        return IntStream.range(0, parameters.size())
                .mapToObj(i -> parameters.get(i).input() ? "{" + arguments.get(i) + "}" : arguments.get(i))
                .collect(Collectors.joining(", ", kind.label() + "(", ")"));
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
