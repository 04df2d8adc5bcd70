package ai.codemie.auth.policy;

import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.model.PermissionRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The table of the platform's requirement kinds: each is declared here once, with its name, its parameters and
 * how it builds its {@link Requirement}. Every other form is derived from this table: the factories of
 * {@link Requirements}, the Spring annotations (each names its kind), servlet path rules and Spring Security's
 * authorization managers (which take a {@link RequirementTemplate}) and the {@code @codemie} method security
 * expressions (which answer a kind by its name). A kind may decide in the request's active tenant
 * ({@link Parameter.Source#ACTIVE_TENANT}), which adapters supply.
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
                    "You do not have permission to access the knowledge base '")),

    /**
     * Members of the request's active tenant holding a role there that grants the permission
     * {@code resource:action[:instance]}, within the tenant's boundary (see
     * {@link Requirements#tenantPermission(String, PermissionRequest)}). Resource and action are given where the
     * requirement is declared; the instance, when the endpoint acts on one, is read from the request (an empty
     * input name declares none). Described as {@code tenantPermission(agent:chat:{agent})}.
     */
    TENANT_PERMISSION("tenantPermission", List.of(Parameter.activeTenant("tenant"), Parameter.value("resource"),
            Parameter.value("action"), Parameter.optionalInput("instance")),
            (kind, arguments) -> Requirements.tenantPermission(arguments.get(0), PermissionRequest.of(
                    arguments.get(1), arguments.get(2), arguments.get(3).isEmpty() ? null : arguments.get(3))),
            declared -> PermissionRequest.of(declared.get(0), declared.get(1)), ":");

    private final String label;
    private final List<Parameter> parameters;
    private final List<Parameter> declared;
    private final Builder builder;
    /** Checks the declared arguments of a template, so that a malformed declaration fails where it is made. */
    private final Consumer<List<String>> declarationCheck;
    /** What separates the declared arguments in a description. */
    private final String separator;
    /** The one requirement of a kind without parameters, made once. */
    private final Requirement fixed;

    RequirementKind(String label, List<Parameter> parameters, Builder builder) {
        this(label, parameters, builder, declared -> { }, ", ");
    }

    RequirementKind(String label, List<Parameter> parameters, Builder builder,
            Consumer<List<String>> declarationCheck, String separator) {
        this.label = label;
        this.parameters = parameters;
        this.declared = parameters.stream().filter(parameter -> !parameter.activeTenant()).toList();
        this.builder = builder;
        this.declarationCheck = declarationCheck;
        this.separator = separator;
        this.fixed = parameters.isEmpty() ? builder.build(this, List.of()) : null;
    }

    /** The name the kind goes by in descriptions and expressions, e.g. {@code projectAccess}. */
    public String label() {
        return label;
    }

    /** The parameters, in the order arguments are given to {@link #requirement}. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * The parameters a declaration gives, in the order arguments are given to {@link #on}: every parameter but the
     * {@link Parameter#activeTenant() active tenant}, which each request supplies.
     */
    public List<Parameter> declared() {
        return declared;
    }

    /** Whether the kind decides in the request's active tenant. */
    public boolean needsActiveTenant() {
        return declared.size() != parameters.size();
    }

    /**
     * The requirement for these argument values, one per parameter in order; an empty value of an
     * {@link Parameter#optional() optional} parameter stands for none.
     *
     * @throws IllegalArgumentException for the wrong number of arguments, or (as
     *                                  {@link ai.codemie.auth.model.InvalidSyntaxException}) a malformed tenant id
     *                                  or permission part
     * @throws NullPointerException     for a null argument, naming its parameter
     */
    public Requirement requirement(String... arguments) {
        List<String> values = checked(parameters, Arrays.asList(arguments));
        return fixed != null ? fixed : builder.build(this, values);
    }

    /** The arguments, after checking there is one per parameter and none is null. */
    private List<String> checked(List<Parameter> expected, List<String> arguments) {
        if (arguments.size() != expected.size()) {
            throw new IllegalArgumentException(label + " takes " + expected.size() + " argument(s) "
                    + expected.stream().map(Parameter::name).toList() + ", not " + arguments.size());
        }
        for (int i = 0; i < arguments.size(); i++) {
            Objects.requireNonNull(arguments.get(i), expected.get(i).name());
        }
        return arguments;
    }

    /**
     * This kind as declared on an endpoint or a path rule, one argument per {@link #declared() declared} parameter: a
     * {@link Parameter#input() request input} parameter takes the name of the request input holding its value (empty
     * for none when the parameter is {@link Parameter#optional() optional}), any other parameter its value.
     *
     * @throws IllegalArgumentException for the wrong number of arguments, a blank input name, or a malformed value
     * @throws NullPointerException     for a null argument, naming its parameter
     */
    public RequirementTemplate on(String... arguments) {
        List<String> values = checked(declared, Arrays.asList(arguments));
        declarationCheck.accept(values);
        return new RequirementTemplate(this, values);
    }

    /** A description of a template from the shown form of its declared arguments. */
    String describe(List<String> shown) {
        return label + "(" + String.join(separator, shown) + ")";
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
     * @param name     what it is, e.g. {@code project}; also the annotation attribute that gives it when the kind
     *                 declares several parameters (a kind that declares one takes it from {@code value})
     * @param source   where its value comes from
     * @param optional whether a declaration may leave it out (an empty argument)
     */
    public record Parameter(String name, Source source, boolean optional) {

        /** Where a parameter's value comes from. */
        public enum Source {
            /** Given where the requirement is declared, e.g. a role name. */
            VALUE,
            /** Read from each request, from the path variable or request parameter the declaration names. */
            INPUT,
            /**
             * The request's active tenant: the tenant header, or the default tenant without it; supplied by the
             * adapter, never declared.
             */
            ACTIVE_TENANT
        }

        public Parameter {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(source, "source");
        }

        /** Whether its value is read from each request (a path variable or request parameter). */
        public boolean input() {
            return source == Source.INPUT;
        }

        /** Whether its value is the request's active tenant. */
        public boolean activeTenant() {
            return source == Source.ACTIVE_TENANT;
        }

        /** A parameter whose value is given where the requirement is declared, e.g. a role name. */
        public static Parameter value(String name) {
            return new Parameter(name, Source.VALUE, false);
        }

        /** A parameter whose value each request carries, e.g. the project in the path. */
        public static Parameter input(String name) {
            return new Parameter(name, Source.INPUT, false);
        }

        /** A request input a declaration may leave out, e.g. the instance of a permission. */
        public static Parameter optionalInput(String name) {
            return new Parameter(name, Source.INPUT, true);
        }

        /** The request's active tenant. */
        public static Parameter activeTenant(String name) {
            return new Parameter(name, Source.ACTIVE_TENANT, false);
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
