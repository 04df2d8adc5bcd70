package ai.codemie.auth.spring.test;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.resolve.PermissionResolver;
import ai.codemie.auth.spring.SettingProperties;
import ai.codemie.auth.spring.CodemieAuthWebMvcAutoConfiguration;
import ai.codemie.auth.test.TestCallers;
import ai.codemie.auth.token.TokenVerifier;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Gives test classes that use {@link WithCodemieUser} a context whose {@code CodemieAuth} authenticates the test
 * kit's installed callers: a {@link TestCallers} bean with its token verifier and permission resolver, settings
 * that name its issuer (never contacted), and the filter that hands the current caller's token to MockMvc requests.
 * Other test classes are left alone.
 */
public final class TestCallersContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return usesTestCallers(testClass) ? new TestCallersCustomizer() : null;
    }

    private static boolean usesTestCallers(Class<?> testClass) {
        for (Class<?> type = testClass; type != null; type = TestContextAnnotationUtils.searchEnclosingClass(type)
                ? type.getEnclosingClass() : null) {
            if (AnnotatedElementUtils.hasAnnotation(type, WithCodemieUser.class)
                    || Arrays.stream(ReflectionUtils.getUniqueDeclaredMethods(type)).anyMatch(TestCallersContextCustomizerFactory::annotated)) {
                return true;
            }
        }
        return false;
    }

    private static boolean annotated(Method method) {
        return AnnotatedElementUtils.hasAnnotation(method, WithCodemieUser.class);
    }

    /** All instances are equal, so that test classes using it share one cached context per configuration. */
    private static final class TestCallersCustomizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
            BeanDefinitionRegistry registry = (BeanDefinitionRegistry) beanFactory;
            TestCallers callers = new TestCallers();
            registry.registerBeanDefinition("codemieTestCallers",
                    new RootBeanDefinition(TestCallers.class, () -> callers));
            // the application's settings, with the test callers' issuer trusted so that none need be configured
            registry.registerBeanDefinition("codemieAuthSettings", new RootBeanDefinition(AuthSettings.class,
                    () -> SettingProperties.settingsBuilder(context.getEnvironment())
                            .addTrustedIssuer(TestCallers.ISSUER).build()));
            // the auto-configuration builds CodemieAuth from these two; no key of any issuer is ever fetched
            registry.registerBeanDefinition("codemieTokenVerifier", new RootBeanDefinition(TokenVerifier.class,
                    callers::tokenVerifier));
            registry.registerBeanDefinition("codemiePermissionResolver",
                    new RootBeanDefinition(PermissionResolver.class, callers::permissionResolver));
            registry.registerBeanDefinition("codemieTestCallerFilter",
                    new RootBeanDefinition(FilterRegistrationBean.class, () -> {
                        FilterRegistrationBean<TestCallerFilter> registration =
                                new FilterRegistrationBean<>(new TestCallerFilter());
                        registration.setOrder(CodemieAuthWebMvcAutoConfiguration.FILTER_ORDER - 1);
                        return registration;
                    }));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TestCallersCustomizer;
        }

        @Override
        public int hashCode() {
            return TestCallersCustomizer.class.hashCode();
        }
    }
}
