package ai.codemie.auth.spring.web;

import ai.codemie.auth.policy.Requirements;
import ai.codemie.auth.spring.annotation.PublicEndpoint;
import ai.codemie.auth.spring.annotation.RequireAdminOrMaintainer;
import ai.codemie.auth.spring.annotation.RequireAdminOrProjectAdmin;
import ai.codemie.auth.spring.annotation.RequireKnowledgeBaseAccess;
import ai.codemie.auth.spring.annotation.RequireMaintainer;
import ai.codemie.auth.spring.annotation.RequireProjectAccess;
import ai.codemie.auth.spring.annotation.RequireProjectAdmin;
import ai.codemie.auth.spring.annotation.RequireRole;
import ai.codemie.auth.spring.annotation.RequireSignedIn;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.method.HandlerMethod;

/**
 * Reads the access annotations of handler methods into {@link EndpointPolicy} values, once per handler method.
 * A method's annotations replace its class's; annotations may be used as meta-annotations. Spring Security's
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
        List<EndpointPolicy.Part> parts = new ArrayList<>();
        if (has(element, RequireSignedIn.class)) {
            parts.add(EndpointPolicy.Part.fixed(Requirements.authenticated()));
        }
        RequireRole role = AnnotatedElementUtils.findMergedAnnotation(element, RequireRole.class);
        if (role != null) {
            parts.add(EndpointPolicy.Part.fixed(Requirements.role(role.value())));
        }
        if (has(element, RequireAdminOrMaintainer.class)) {
            parts.add(EndpointPolicy.Part.fixed(Requirements.adminOrMaintainer()));
        }
        if (has(element, RequireMaintainer.class)) {
            parts.add(EndpointPolicy.Part.fixed(Requirements.maintainer()));
        }
        RequireProjectAccess access = AnnotatedElementUtils.findMergedAnnotation(element, RequireProjectAccess.class);
        if (access != null) {
            parts.add(EndpointPolicy.Part.named("projectAccess", access.value(), handler,
                    Requirements::projectAccess));
        }
        RequireProjectAdmin admin = AnnotatedElementUtils.findMergedAnnotation(element, RequireProjectAdmin.class);
        if (admin != null) {
            parts.add(EndpointPolicy.Part.named("projectAdmin", admin.value(), handler,
                    Requirements::projectAdmin));
        }
        RequireAdminOrProjectAdmin either =
                AnnotatedElementUtils.findMergedAnnotation(element, RequireAdminOrProjectAdmin.class);
        if (either != null) {
            parts.add(EndpointPolicy.Part.named("adminOrProjectAdmin", either.value(), handler,
                    Requirements::adminOrProjectAdmin));
        }
        RequireKnowledgeBaseAccess kb =
                AnnotatedElementUtils.findMergedAnnotation(element, RequireKnowledgeBaseAccess.class);
        if (kb != null) {
            parts.add(EndpointPolicy.Part.named("knowledgeBaseAccess", kb.value(), handler,
                    Requirements::knowledgeBaseAccess));
        }
        MergedAnnotation<Annotation> preAuthorize = MergedAnnotations.from(element).get(PRE_AUTHORIZE);
        if (preAuthorize.isPresent()) {
            // method security evaluates the expression; the endpoint is protected, by a signed-in caller at least
            parts.add(new EndpointPolicy.Part(null, false, name -> Requirements.authenticated(),
                    "@PreAuthorize(" + preAuthorize.getString("value") + ")"));
        }
        if (has(element, PublicEndpoint.class)) {
            if (!parts.isEmpty()) {
                throw new IllegalStateException(element + " is marked @PublicEndpoint and also requires "
                        + EndpointPolicy.protectedBy(parts).describe() + "; remove one of them");
            }
            return EndpointPolicy.publicEndpoint();
        }
        return parts.isEmpty() ? null : EndpointPolicy.protectedBy(parts);
    }

    private static boolean has(AnnotatedElement element, Class<? extends Annotation> type) {
        return AnnotatedElementUtils.hasAnnotation(element, type);
    }

    private record HandlerKey(Class<?> type, Method method) {
    }
}
