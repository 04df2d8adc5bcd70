package ai.codemie.auth.examples.spring;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.error.AuthException;
import ai.codemie.auth.policy.TenantHeader;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Tenants are served only in platform-managed mode with {@code CODEMIE_AUTH_TENANTS_ENABLED=true}. Otherwise every
 * tenant path — administration and tenant-scoped resources — answers 400 "Tenants not enabled" to a signed-in
 * caller, before its access annotation is looked at: the switch is the first thing a caller learns, whoever they
 * are. (Authentication comes earlier still: the library's filter answers 401 before any handler is chosen.)
 */
@Configuration(proxyBeanMethods = false)
class TenantSwitch implements WebMvcConfigurer {

    /** Every path of the tenant administration and the tenant-scoped resource endpoints. */
    static final String[] PATHS = {"/v1/tenants", "/v1/tenants/**", "/v1/agents/**", "/v1/processes/**"};

    private final AuthSettings settings;

    TenantSwitch(AuthSettings settings) {
        this.settings = settings;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        HandlerInterceptor refuseWhenOff = new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                if (!TenantHeader.enabled(settings)) {
                    throw new AuthException(TenantHeader.NOT_ENABLED);
                }
                return true;
            }
        };
        // before the interceptor of the access annotations (order 0)
        registry.addInterceptor(refuseWhenOff).addPathPatterns(PATHS).order(Ordered.HIGHEST_PRECEDENCE);
    }
}
