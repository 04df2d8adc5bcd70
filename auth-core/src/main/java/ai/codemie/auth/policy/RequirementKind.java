package ai.codemie.auth.policy;

import ai.codemie.auth.model.EffectivePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The table of the platform's requirement kinds: each is declared here once, with its name, its parameters and
 * how it builds its {@link Requirement}. Every other form is derived from this table: the factories of
 * {@link Requirements}, the Spring annotations (each names its kind), servlet path rules and Spring Security's
 * authorization managers (which take a {@link RequirementTemplate}) and the {@code @codemie} method security
 * expressions (which answer a kind by its name).
 */
public enum RequirementKind {

    /** Any signed-in caller. */
    AUTHENTICATED("authenticated", List.of(), fixed(p -> true, null, null)),

    /** Callers holding the platform role (exact match). */
    ROLE("role", List.of(Parameter.value("role")),
            named(EffectivePermissions::hasRole, DenyReason.MissingRole::new, "This action requires the role '")),

    /** Platform admins and maintainers. */
    ADMIN_OR_MAINTAINER("adminOrMaintainer", List.of(),
            fixed(EffectivePermissions::admin, new DenyReason.NotAdmin(), Requirements.ADMIN_DETAILS)),

    /** Maintainers only. */
    MAINTAINER("maintainer", List.of(),
            fixed(EffectivePermissions::maintainer, new DenyReason.NotMaintainer(), Requirements.MAINTAINER_DETAILS)),

    /** Admins, maintainers, members and project admins of the project (exact, case-sensitive name). */
    PROJECT_ACCESS("projectAccess", List.of(Parameter.input("project")),
            named(EffectivePermissions::hasProjectAccess, DenyReason.NotProjectMember::new,
                    "You do not have permission to access the project '")),

    /** Explicit project admins of the project only; a global admin without the grant is refused. */
    PROJECT_ADMIN("projectAdmin", List.of(Parameter.input("project")),
            named(EffectivePermissions::isProjectAdmin, DenyReason.NotProjectAdmin::new,
                    "This action requires project administrator privileges for the project '")),

    /** Platform admins and maintainers, and project admins of the project. */
    ADMIN_OR_PROJECT_ADMIN("adminOrProjectAdmin", List.of(Parameter.input("project")),
            named((p, project) -> p.admin() || p.isProjectAdmin(project), DenyReason.NotProjectAdmin::new,
                    "This action requires administrator or project administrator privileges for the project '")),

    /** Admins, maintainers and callers granted the knowledge base. */
    KNOWLEDGE_BASE_ACCESS("knowledgeBaseAccess", List.of(Parameter.input("knowledgeBase")),
            named(EffectivePermissions::hasKnowledgeBaseAccess, DenyReason.NoKnowledgeBaseAccess::new,
                    "You do not have permission to access the knowledge base '"));

    private final String label;
    private final List<Parameter> parameters;
    private final Builder builder;
    /** The one requirement of a kind without parameters, made once. */
    private final Requirement fixed;

    RequirementKind(String label, List<Parameter> parameters, Builder builder) {
        this.label = label;
        this.parameters = parameters;
        this.builder = builder;
        this.fixed = parameters.isEmpty() ? builder.build(this, List.of()) : null;
    }

    /** The name the kind goes by in descriptions and expressions, e.g. {@code projectAccess}. */
    public String label() {
        return label;
    }

    /** The parameters, in the order arguments are given. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * The requirement for these argument values, one per parameter in order.
     *
     * @throws IllegalArgumentException for the wrong number of arguments
     * @throws NullPointerException     for a null argument, naming its parameter
     */
    public Requirement requirement(String... arguments) {
        List<String> values = checked(Arrays.asList(arguments));
        return fixed != null ? fixed : builder.build(this, values);
    }

    /** The arguments, after checking there is one per parameter and none is null. */
    List<String> checked(List<String> arguments) {
        if (arguments.size() != parameters.size()) {
            throw new IllegalArgumentException(label + " takes " + parameters.size() + " argument(s) "
                    + parameters.stream().map(Parameter::name).toList() + ", not " + arguments.size());
        }
        for (int i = 0; i < arguments.size(); i++) {
            Objects.requireNonNull(arguments.get(i), parameters.get(i).name());
        }
        return arguments;
    }

    /**
     * This kind as declared on an endpoint or a path rule: a {@link Parameter#input() request input} parameter takes
     * the name of the request input holding its value, any other parameter its value.
     *
     * @throws IllegalArgumentException for the wrong number of arguments or a blank input name
     * @throws NullPointerException     for a null argument, naming its parameter
     */
    public RequirementTemplate on(String... arguments) {
        return new RequirementTemplate(this, checked(Arrays.asList(arguments)));
    }

    /** The kind of that {@link #label()}. */
    public static RequirementKind named(String label) {
        for (RequirementKind kind : values()) {
            if (kind.label.equals(label)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("no requirement is named '" + label + "'; known: "
                + Arrays.stream(values()).map(RequirementKind::label).toList());
    }

    /**
     * One parameter of a kind.
     *
     * @param name  what it is, e.g. {@code project}; also the annotation attribute that gives it when the kind has
     *              several parameters (a kind with one takes it from {@code value})
     * @param input whether its value is read from each request (a path variable or request parameter, which the
     *              declaration names) rather than given where the requirement is declared
     */
    public record Parameter(String name, boolean input) {

        public Parameter {
            Objects.requireNonNull(name, "name");
        }

        /** A parameter whose value is given where the requirement is declared, e.g. a role name. */
        public static Parameter value(String name) {
            return new Parameter(name, false);
        }

        /** A parameter whose value each request carries, e.g. the project in the path. */
        public static Parameter input(String name) {
            return new Parameter(name, true);
        }
    }

    /** Builds a kind's requirement from its non-null argument values. */
    @FunctionalInterface
    private interface Builder {
        Requirement build(RequirementKind kind, List<String> arguments);
    }

    /** A kind without parameters: a predicate with one fixed denial. */
    private static Builder fixed(Predicate<EffectivePermissions> test, DenyReason reason, String details) {
        return (kind, arguments) -> new Rule(kind.label, test, reason, details);
    }

    /** A kind about one named thing (role, project, knowledge base), whose denial names it. */
    private static Builder named(BiPredicate<EffectivePermissions, String> test, Function<String, DenyReason> reason,
            String detailsBefore) {
        NamedRule rule = new NamedRule(test, reason, detailsBefore);
        return (kind, arguments) -> new Named(kind, rule, arguments.get(0));
    }

    private record Rule(String describe, Predicate<EffectivePermissions> test, DenyReason reason, String details)
            implements Requirement {

        @Override
        public Decision check(EffectivePermissions permissions) {
            return test.test(permissions) ? Decision.allow() : Decision.deny(reason, details);
        }
    }

    private record NamedRule(BiPredicate<EffectivePermissions, String> test, Function<String, DenyReason> reason,
            String detailsBefore) {
    }

    /**
     * A requirement about one named thing. It holds only the name and its rule, as one is made per request; its
     * description and denial texts are built only when needed, on a deny or in a log.
     */
    private record Named(RequirementKind kind, NamedRule rule, String name) implements Requirement {

        @Override
        public Decision check(EffectivePermissions p) {
            return rule.test().test(p, name) ? Decision.allow()
                    : Decision.deny(rule.reason().apply(name), rule.detailsBefore() + name + "'.");
        }

        @Override
        public String describe() {
            return kind.label + "(" + name + ")";
        }
    }
}
