package ai.codemie.auth.spring.test;

import ai.codemie.auth.CodemieAuth;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.spring.CodemieAuthProperties;
import ai.codemie.auth.spring.CodemieAuthWebMvcAutoConfiguration;
import ai.codemie.auth.test.TestCallers;
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
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Gives test classes that use {@link WithCodemieUser} a context whose {@link CodemieAuth} authenticates the test
 * kit's installed callers: a {@link TestCallers} bean, settings that trust its issuer, and the filter that hands
 * the current caller's token to MockMvc requests. Other test classes are left alone.
 */
public final class TestCallersContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        if (!usesTestCallers(testClass)) {
            return null;
        }
        if (!ClassUtils.isPresent("ai.codemie.auth.test.TestCallers", testClass.getClassLoader())) {
            throw new IllegalStateException(testClass.getName() + " uses @WithCodemieUser, which needs "
                    + "ai.codemie.auth:auth-test on the test classpath");
        }
        return new TestCallersCustomizer();
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
                    () -> beanFactory.getBean(CodemieAuthProperties.class)
                            .settingsBuilder(context.getEnvironment()::getProperty)
                            .addTrustedIssuer(TestCallers.ISSUER).build()));
            registry.registerBeanDefinition("codemieAuth", new RootBeanDefinition(CodemieAuth.class,
                    () -> callers.codemieAuth(beanFactory.getBean(AuthSettings.class))));
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
