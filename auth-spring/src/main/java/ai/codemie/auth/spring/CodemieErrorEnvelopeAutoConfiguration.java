package ai.codemie.auth.spring;

import ai.codemie.auth.CodemieAuth;
import ai.codemie.auth.spring.web.EnvelopeErrorController;
import ai.codemie.auth.spring.web.EnvelopeErrorReportValve;
import org.apache.catalina.startup.Tomcat;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * One error format for the whole service: the framework's own errors (unknown path, wrong method or content type,
 * unreadable body, an exception in a handler) and Tomcat's (a malformed URL, headers over the limit) are answered in
 * the platform's error envelope, like the library's refusals. On by default; {@code codemie.auth.error-envelope=false}
 * leaves Spring Boot's and Tomcat's error pages as they are.
 */
@AutoConfiguration(after = CodemieAuthAutoConfiguration.class,
        beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(DispatcherServlet.class)
@ConditionalOnBean(CodemieAuth.class)
@ConditionalOnBooleanProperty(name = "codemie.auth.error-envelope", matchIfMissing = true)
public class CodemieErrorEnvelopeAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    EnvelopeErrorController codemieErrorController(ObjectProvider<ErrorAttributes> errorAttributes) {
        return new EnvelopeErrorController(errorAttributes);
    }

    /** Tomcat answers some requests itself, before any filter or controller: its error page is replaced too. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({Tomcat.class, ConfigurableTomcatWebServerFactory.class})
    static class TomcatErrorReport {

        @Bean
        WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> codemieTomcatErrorReport() {
            return new TomcatErrorReportCustomizer();
        }
    }

    /** Runs after Spring Boot's own Tomcat customizer, which installs Tomcat's error report valve. */
    static final class TomcatErrorReportCustomizer
            implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

        @Override
        public void customize(ConfigurableTomcatWebServerFactory factory) {
            factory.addContextCustomizers(EnvelopeErrorReportValve::install);
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
