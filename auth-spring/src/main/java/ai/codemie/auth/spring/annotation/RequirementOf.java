package ai.codemie.auth.spring.annotation;

import ai.codemie.auth.policy.RequirementKind;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an access annotation as declaring a {@link RequirementKind}: the annotated annotation's attributes give the
 * kind's parameters, each from the attribute of the parameter's name, or from {@code value} when the kind has one
 * parameter. A parameter read from the request takes the name of the path variable or request parameter holding
 * it. An access annotation is one carrying this, directly (like {@link RequireProjectAccess}) or through another
 * access annotation (like {@link RequireAdmin}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.ANNOTATION_TYPE)
public @interface RequirementOf {

    /** The kind the annotation declares. */
    RequirementKind value();
}
