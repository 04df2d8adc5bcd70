package ai.codemie.auth.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Anyone may call the endpoint, without a token: requests it handles are not authenticated. Marks public
 * endpoints explicitly, so that the deny-by-default switch ({@code codemie.auth.deny-unannotated}) can refuse the
 * ones nobody thought about. It cannot be combined with an access annotation on the same class or method; on a
 * method it overrides the class's annotations.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface PublicEndpoint {
}
