package ai.codemie.auth.spring;

import ai.codemie.auth.CodemieAuth;
import ai.codemie.auth.spring.security.CodemieSecurityContextFilter;
import ai.codemie.auth.spring.security.CodemieSecurityExpressions;
import ai.codemie.auth.spring.security.SecurityDenials;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderNotFoundException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

/**
 * The Spring Security bridge, active when Spring Security is on the classpath: the caller becomes a
 * {@code CodemieAuthentication} with {@code ROLE_<role>} authorities, the bean {@code @codemie} answers the
 * platform's requirements in {@code @PreAuthorize} expressions, and Spring Security's refusals are written as the
 * error envelope. When the application defines no {@link SecurityFilterChain}, a stateless one is installed that
 * leaves decisions to the access annotations and {@code @PreAuthorize} (instead of Spring Boot's default form
 * login and generated password).
 */
@AutoConfiguration(after = CodemieAuthWebMvcAutoConfiguration.class, beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(SecurityFilterChain.class)
@ConditionalOnBean(CodemieAuth.class)
public class CodemieAuthSecurityAutoConfiguration {

    @Bean(CodemieSecurityExpressions.BEAN_NAME)
    @ConditionalOnMissingBean(name = CodemieSecurityExpressions.BEAN_NAME)
    CodemieSecurityExpressions codemieSecurityExpressions() {
        return new CodemieSecurityExpressions();
    }

    /** Also a {@code HandlerExceptionResolver} bean, which the dispatcher servlet picks up, first by its order. */
    @Bean
    SecurityDenials codemieSecurityDenials() {
        return new SecurityDenials();
    }

    @Bean
    FilterRegistrationBean<CodemieSecurityContextFilter> codemieSecurityContextFilter(CodemieAuth auth) {
        FilterRegistrationBean<CodemieSecurityContextFilter> registration = new FilterRegistrationBean<>(
                new CodemieSecurityContextFilter(auth));
        registration.setOrder(CodemieAuthWebMvcAutoConfiguration.FILTER_ORDER + 1);
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /** The filter chain of applications that define none; enables web security itself, as test slices do not. */
    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    @ConditionalOnClass(HttpSecurity.class)
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    static class DefaultSecurityFilterChain {

        @Bean
        SecurityFilterChain codemieSecurityFilterChain(HttpSecurity http, SecurityDenials denials) {
            // bearer tokens, no cookies of our own and no sessions: CSRF protection has nothing to protect
            return http.csrf(csrf -> csrf.disable())
                    .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .securityContext(context -> context
                            .securityContextRepository(new RequestAttributeSecurityContextRepository()))
                    .authorizeHttpRequests(rules -> rules.anyRequest().permitAll())
                    .exceptionHandling(errors -> errors.accessDeniedHandler(denials)
                            .authenticationEntryPoint(denials))
                    .build();
        }

        /** Keeps Spring Boot from creating a user with a generated password: codemie-auth authenticates. */
        @Bean
        @ConditionalOnMissingBean
        AuthenticationManager codemieAuthenticationManager() {
            return authentication -> {
                throw new ProviderNotFoundException("codemie-auth authenticates requests in its servlet filter");
            };
        }
    }
}
