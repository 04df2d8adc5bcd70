package ai.codemie.auth.spring;

import ai.codemie.auth.CodemieAuth;
import ai.codemie.auth.servlet.CodemieAuthFilter;
import ai.codemie.auth.servlet.PathRules;
import ai.codemie.auth.spring.web.AuthExceptionResolver;
import ai.codemie.auth.spring.web.CodemieSpringFilter;
import ai.codemie.auth.spring.web.EffectivePermissionsArgumentResolver;
import ai.codemie.auth.spring.web.EndpointPolicies;
import ai.codemie.auth.spring.web.EndpointPolicy;
import ai.codemie.auth.spring.web.EndpointReport;
import ai.codemie.auth.spring.web.PublicEndpointMatcher;
import ai.codemie.auth.spring.web.RequirementInterceptor;
import jakarta.servlet.DispatcherType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Protects a Spring MVC application: registers the authentication filter (public endpoints pass without a
 * token), the interceptor that enforces the access annotations, the {@code EffectivePermissions} argument
 * resolver, the resolver that writes refusals as the error envelope, and the startup {@link EndpointReport}.
 */
@AutoConfiguration(after = CodemieAuthAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean(CodemieAuth.class)
public class CodemieAuthWebMvcAutoConfiguration {

    /** The filter's order: before Spring Security's filter chain (-100), so the bridge sees the caller. */
    public static final int FILTER_ORDER = -110;

    private static final Logger LOG = LoggerFactory.getLogger(EndpointReport.class);

    @Bean
    @ConditionalOnMissingBean
    EndpointPolicies codemieEndpointPolicies() {
        return new EndpointPolicies();
    }

    @Bean
    @ConditionalOnMissingBean(name = "codemieAuthFilter")
    FilterRegistrationBean<CodemieSpringFilter> codemieAuthFilter(CodemieAuth auth, ObjectProvider<PathRules> rules,
            ObjectProvider<RequestMappingInfoHandlerMapping> mappings, EndpointPolicies policies) {
        PathRules pathRules = rules.getIfAvailable(() -> PathRules.builder().build());
        PublicEndpointMatcher publicEndpoints = new PublicEndpointMatcher(SingletonSupplier.of(
                () -> publicMappings(handlerMethods(mappings), policies)));
        FilterRegistrationBean<CodemieSpringFilter> registration = new FilterRegistrationBean<>(
                new CodemieSpringFilter(new CodemieAuthFilter(auth, pathRules), publicEndpoints));
        registration.setOrder(FILTER_ORDER);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Bean
    @ConditionalOnMissingBean
    EndpointReport codemieEndpointReport(ObjectProvider<RequestMappingInfoHandlerMapping> mappings,
            EndpointPolicies policies, CodemieAuthProperties properties) {
        EndpointReport report = EndpointReport.of(handlerMethods(mappings), policies, properties.isDenyUnannotated());
        if (report.unprotected().isEmpty()) {
            LOG.info("{}", report.render());
        } else {
            LOG.warn("{}", report.render());
        }
        return report;
    }

    @Bean
    WebMvcConfigurer codemieAuthWebMvcConfigurer(CodemieAuth auth, EndpointPolicies policies,
            CodemieAuthProperties properties) {
        RequirementInterceptor interceptor = new RequirementInterceptor(auth, policies,
                properties.isDenyUnannotated());
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(interceptor);
            }

            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new EffectivePermissionsArgumentResolver());
            }

            @Override
            public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
                resolvers.add(0, new AuthExceptionResolver());
            }
        };
    }

    private static Map<RequestMappingInfo, HandlerMethod> handlerMethods(
            ObjectProvider<RequestMappingInfoHandlerMapping> mappings) {
        Map<RequestMappingInfo, HandlerMethod> all = new LinkedHashMap<>();
        mappings.orderedStream().forEach(mapping -> all.putAll(mapping.getHandlerMethods()));
        return all;
    }

    private static List<RequestMappingInfo> publicMappings(Map<RequestMappingInfo, HandlerMethod> handlers,
            EndpointPolicies policies) {
        return handlers.entrySet().stream()
                .filter(e -> policies.policyFor(e.getValue()).kind() == EndpointPolicy.Kind.PUBLIC)
                .map(Map.Entry::getKey).toList();
    }
}
