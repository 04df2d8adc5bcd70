package ai.codemie.auth.spring.web;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** How a handler method binds a named path variable or request parameter, as Spring MVC will bind it. */
final class BoundParameters {

    private BoundParameters() {
    }

    /** The parameters of the method that Spring binds from the path variable or request parameter of that name. */
    static List<Parameter> of(Method method, String name, Class<? extends Annotation> binding) {
        return Arrays.stream(method.getParameters()).filter(parameter -> name.equals(boundName(parameter, binding)))
                .toList();
    }

    /**
     * Whether the method may take the named value as several values: Spring's conversion splits a text on commas
     * (and trims the parts) for a list or array parameter, and a name no parameter binds is read some other way (a
     * form object, the request itself) that may split it too.
     */
    static boolean mayTakeSeveral(Method method, String name) {
        List<Parameter> bound = Stream.concat(of(method, name, PathVariable.class).stream(),
                of(method, name, RequestParam.class).stream()).toList();
        return bound.isEmpty() || bound.stream().anyMatch(BoundParameters::isMultiValued);
    }

    private static boolean isMultiValued(Parameter parameter) {
        Class<?> type = MethodParameter.forParameter(parameter).nestedIfOptional().getNestedParameterType();
        return type.isArray() || Collection.class.isAssignableFrom(type);
    }

    private static String boundName(Parameter parameter, Class<? extends Annotation> binding) {
        Annotation annotation = AnnotatedElementUtils.findMergedAnnotation(parameter, binding);
        String name = annotation instanceof PathVariable path ? path.name()
                : annotation instanceof RequestParam param ? param.name() : null;
        if (name == null) {
            return null;
        }
        return name.isEmpty() ? parameter.getName() : name;
    }
}
