package ai.codemie.auth.spring.test;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.test.TestTokens;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Gives the application context of a test class marked {@link CodemieTestIssuer} a running {@link TestTokens}
 * issuer, trusted through {@code JWKS_TRUSTED_ISSUERS} ahead of every other property source, and registered as a
 * bean that is closed with the context. Other test classes are left alone.
 */
public final class CodemieTestIssuerContextCustomizerFactory implements ContextCustomizerFactory {

    /** The bean name of the context's issuer. */
    static final String BEAN_NAME = "codemieTestTokens";

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return TestContextAnnotationUtils.hasAnnotation(testClass, CodemieTestIssuer.class)
                ? new TestIssuerCustomizer() : null;
    }

    /** All instances are equal, so that test classes with the same configuration share one cached context. */
    private static final class TestIssuerCustomizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            TestTokens tokens = TestTokens.start();
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(BEAN_NAME,
                    Map.of(AuthSettings.JWKS_TRUSTED_ISSUERS.name(), tokens.trustedIssuersJson())));
            DefaultListableBeanFactory beanFactory = (DefaultListableBeanFactory) context.getBeanFactory();
            beanFactory.registerSingleton(BEAN_NAME, tokens);
            beanFactory.registerDisposableBean(BEAN_NAME, tokens::close);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TestIssuerCustomizer;
        }

        @Override
        public int hashCode() {
            return TestIssuerCustomizer.class.hashCode();
        }
    }
}
