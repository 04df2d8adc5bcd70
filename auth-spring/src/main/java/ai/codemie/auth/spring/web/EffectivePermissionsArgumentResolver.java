package ai.codemie.auth.spring.web;

import ai.codemie.auth.error.AuthenticationException;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.servlet.BearerTokens;
import ai.codemie.auth.servlet.RequestPermissions;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Injects the caller's {@link EffectivePermissions} into handler parameters of that type. On an endpoint whose
 * request was not authenticated (a public one) the request is refused with 401.
 *
 * <pre>{@code
 * @GetMapping("/v1/user") @RequireSignedIn
 * UserView me(EffectivePermissions caller) { return UserView.of(caller); }
 * }</pre>
 */
public final class EffectivePermissionsArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return EffectivePermissions.class.equals(parameter.getParameterType());
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
        return requireCaller(webRequest.getNativeRequest(HttpServletRequest.class));
    }

    /** The permissions the filter recorded on the request; a 401 when it recorded none. */
    static EffectivePermissions requireCaller(HttpServletRequest request) {
        return RequestPermissions.find(request).orElseThrow(() -> new AuthenticationException(
                AuthenticationException.BearerError.NONE, "authentication_required",
                BearerTokens.AUTHENTICATION_REQUIRED));
    }
}
