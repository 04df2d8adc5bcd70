package ai.codemie.auth.examples.spring;

import ai.codemie.auth.spring.CodemieAuthWebMvcAutoConfiguration;
import ai.codemie.auth.spring.annotation.PublicEndpoint;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * With {@code BARE_ENDPOINT=true}, {@code GET /bare/projects/{project}/assistants}: the assistants endpoint without
 * the library's filter, for load tests that measure what the filter costs. Its requests go from a filter ordered just
 * before the library's straight to the dispatcher servlet, so they do the same work as the guarded endpoint through
 * Spring MVC.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = BareEndpoint.SETTING, havingValue = "true")
class BareEndpoint {

    static final String SETTING = "BARE_ENDPOINT";
    static final String PREFIX = "/bare/";

    private static final Logger LOG = LoggerFactory.getLogger(BareEndpoint.class);

    @Bean
    FilterRegistrationBean<Filter> bareEndpointBypass(DispatcherServlet dispatcher) {
        Filter bypass = (request, response, chain) -> {
            if (((HttpServletRequest) request).getRequestURI().startsWith(PREFIX)) {
                dispatcher.service(request, response);
            } else {
                chain.doFilter(request, response);
            }
        };
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(bypass);
        registration.setOrder(CodemieAuthWebMvcAutoConfiguration.FILTER_ORDER - 1);
        registration.addUrlPatterns(PREFIX + "*");
        LOG.warn("{}=true: GET {}projects/{project}/assistants answers anyone, without the filter; for load tests "
                + "only", SETTING, PREFIX);
        return registration;
    }

    @RestController
    static class Controller {

        @GetMapping(PREFIX + "projects/{project}/assistants")
        @PublicEndpoint
        List<Object> assistants(@PathVariable String project) {
            return List.of();
        }
    }
}
