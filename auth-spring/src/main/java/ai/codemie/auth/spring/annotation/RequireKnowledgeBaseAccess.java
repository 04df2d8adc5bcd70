package ai.codemie.auth.spring.annotation;

import ai.codemie.auth.policy.RequirementKind;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Only admins, maintainers and callers granted the knowledge base named by a path variable or request parameter may
 * call the endpoint.
 *
 * <p>On a controller class it applies to every handler method that carries no access annotation of its own; a
 * method's annotations replace the class's. Several access annotations on one method must all be met.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@RequirementOf(RequirementKind.KNOWLEDGE_BASE_ACCESS)
public @interface RequireKnowledgeBaseAccess {

    /** The name of the path variable or request parameter that holds the knowledge base name. */
    String value();
}
