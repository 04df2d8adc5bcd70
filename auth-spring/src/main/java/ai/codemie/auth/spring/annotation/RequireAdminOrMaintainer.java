package ai.codemie.auth.spring.annotation;

import ai.codemie.auth.policy.RequirementKind;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Only platform admins and maintainers may call the endpoint; others get 403 "This action requires administrator or
 * maintainer privileges.".
 *
 * <p>On a controller class it applies to every handler method that carries no access annotation of its own; a
 * method's annotations replace the class's. Several access annotations on one method must all be met.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@RequirementOf(RequirementKind.ADMIN_OR_MAINTAINER)
public @interface RequireAdminOrMaintainer {

}
