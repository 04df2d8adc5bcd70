package ai.codemie.auth.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Only platform admins may call the endpoint; a maintainer is always an admin, so maintainers pass too. Others get
 * 403 "This action requires administrator or maintainer privileges.". The same requirement as
 * {@link RequireAdminOrMaintainer}, under the name one looks for first.
 *
 * <p>On a controller class it applies to every handler method that carries no access annotation of its own; a
 * method's annotations replace the class's. Several access annotations on one method must all be met.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@RequireAdminOrMaintainer
public @interface RequireAdmin {

}
