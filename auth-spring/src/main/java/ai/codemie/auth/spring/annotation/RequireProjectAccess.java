package ai.codemie.auth.spring.annotation;

import ai.codemie.auth.policy.RequirementKind;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Only callers with access to the project named by a path variable or request parameter may call the endpoint:
 * admins, maintainers, members and project admins of it.
 *
 * <p>On a controller class it applies to every handler method that carries no access annotation of its own; a
 * method's annotations replace the class's. Several access annotations on one method must all be met.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@RequirementOf(RequirementKind.PROJECT_ACCESS)
public @interface RequireProjectAccess {

    /** The name of the path variable or request parameter that holds the project name. */
    String value() default "project";
}
