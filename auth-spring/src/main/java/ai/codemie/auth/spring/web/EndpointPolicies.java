package ai.codemie.auth.spring.web;

import ai.codemie.auth.policy.RequirementKind;
import ai.codemie.auth.policy.RequirementTemplate;
import ai.codemie.auth.spring.annotation.PublicEndpoint;
import ai.codemie.auth.spring.annotation.RequirementOf;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationAttributes;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.core.annotation.RepeatableContainers;
import org.springframework.web.method.HandlerMethod;

/**
 * Reads the access annotations of handler methods into {@link EndpointPolicy} values, once per handler method:
 * every annotation marked {@link RequirementOf} declares its requirement kind. A method's annotations replace its
 * class's; annotations may be used as meta-annotations. Spring Security's
 * {@code @PreAuthorize} counts as an access annotation: method security evaluates it. Thread-safe.
 */
public final class EndpointPolicies {

    /** Spring Security's annotation, named so that Spring Security stays optional. */
    private static final String PRE_AUTHORIZE = "org.springframework.security.access.prepost.PreAuthorize";

    private final Map<HandlerKey, EndpointPolicy> cache = new ConcurrentHashMap<>();

    /**
     * Whether the handler renders errors (Spring Boot's error controller): it answers requests that were already
     * decided, so it is neither enforced nor reported.
     */
    public static boolean isErrorHandler(HandlerMethod handler) {
        return ErrorController.class.isAssignableFrom(handler.getBeanType());
    }

    /** The policy of a handler method. */
    public EndpointPolicy policyFor(HandlerMethod handler) {
        return cache.computeIfAbsent(new HandlerKey(handler.getBeanType(), handler.getMethod()),
                key -> read(key.type(), key.method()));
    }

    private static EndpointPolicy read(Class<?> type, Method method) {
        EndpointPolicy onMethod = readOwn(method, method);
        return onMethod != null ? onMethod : orUnannotated(readOwn(type, method));
    }

    private static EndpointPolicy orUnannotated(EndpointPolicy policy) {
        return policy != null ? policy : EndpointPolicy.unannotated();
    }

    /** The policy the element's own annotations describe for the handler method, or null when it has none. */
    private static EndpointPolicy readOwn(AnnotatedElement element, Method handler) {
        MergedAnnotations annotations = MergedAnnotations.from(element, SearchStrategy.TYPE_HIERARCHY,
                RepeatableContainers.none());
        // in the table's order, so that a denial and the report do not depend on the order annotations are written
        List<EndpointPolicy.Part> parts = new ArrayList<>(annotations.stream()
                .map(MergedAnnotation::getType)
                .filter(type -> type.isAnnotationPresent(RequirementOf.class))
                .distinct()
                .sorted(Comparator.comparing(type -> type.getAnnotation(RequirementOf.class).value()))
                .map(type -> EndpointPolicy.Part.of(template(element, type), handler))
                .toList());
        MergedAnnotation<Annotation> preAuthorize = MergedAnnotations.from(element).get(PRE_AUTHORIZE);
        if (preAuthorize.isPresent()) {
            // method security evaluates the expression; the endpoint is protected, by a signed-in caller at least
            parts.add(new EndpointPolicy.Part(RequirementKind.AUTHENTICATED.on(), Set.of(),
                    "@PreAuthorize(" + preAuthorize.getString("value") + ")"));
        }
        if (AnnotatedElementUtils.hasAnnotation(element, PublicEndpoint.class)) {
            if (!parts.isEmpty()) {
                throw new IllegalStateException(element + " is marked @PublicEndpoint and also requires "
                        + EndpointPolicy.protectedBy(parts).describe() + "; remove one of them");
            }
            return EndpointPolicy.publicEndpoint();
        }
        return parts.isEmpty() ? null : EndpointPolicy.protectedBy(parts);
    }

    /**
     * The requirement an access annotation declares: each declared parameter of its kind from the attribute of that
     * name, or from {@code value} for a kind that declares one parameter.
     */
    private static RequirementTemplate template(AnnotatedElement element, Class<? extends Annotation> type) {
        RequirementKind kind = type.getAnnotation(RequirementOf.class).value();
        AnnotationAttributes attributes = AnnotatedElementUtils.findMergedAnnotationAttributes(element, type,
                false, false);
        List<RequirementKind.Parameter> parameters = kind.declared();
        String[] arguments = new String[parameters.size()];
        for (int i = 0; i < arguments.length; i++) {
            String attribute = parameters.size() == 1 ? "value" : parameters.get(i).name();
            if (attributes == null || !attributes.containsKey(attribute)) {
                throw new IllegalStateException("@" + type.getSimpleName() + " declares " + kind.label()
                        + " but has no attribute '" + attribute + "' for its " + parameters.get(i).name());
            }
            arguments[i] = attributes.getString(attribute);
        }
        return kind.on(arguments);
    }

    private record HandlerKey(Class<?> type, Method method) {
    }
}
