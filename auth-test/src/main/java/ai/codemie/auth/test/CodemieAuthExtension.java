package ai.codemie.auth.test;

import ai.codemie.auth.CodemieAuth;
import ai.codemie.auth.config.AuthSettings;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Supplies test-kit objects to JUnit 5 test parameters: {@link TestTokens} (one issuer per test class, stopped
 * after the class), {@link AuthSettings} trusting it, a Keycloak-managed {@link CodemieAuth} verifying its
 * tokens (one per class), and, fresh for every test, {@link TestCallers} and a {@link TestStore}. Use it through
 * {@link CodemieAuthTest} or {@code @ExtendWith(CodemieAuthExtension.class)}.
 */
public final class CodemieAuthExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(CodemieAuthExtension.class);
    private static final Set<Class<?>> SUPPLIED = Set.of(TestTokens.class, AuthSettings.class, CodemieAuth.class,
            TestCallers.class, TestStore.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return SUPPLIED.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == TestCallers.class) {
            return context.getStore(NAMESPACE).computeIfAbsent(TestCallers.class, key -> new TestCallers(),
                    TestCallers.class);
        }
        if (type == TestStore.class) {
            return context.getStore(NAMESPACE).computeIfAbsent(TestStore.class, key -> new TestStore(),
                    TestStore.class);
        }
        ExtensionContext.Store classStore = classContext(context).getStore(NAMESPACE);
        TestTokens tokens = classStore.computeIfAbsent(TestTokens.class, key -> TestTokens.start(), TestTokens.class);
        if (type == CodemieAuth.class) {
            return classStore.computeIfAbsent(CodemieAuth.class, key -> tokens.codemieAuth(), CodemieAuth.class);
        }
        return type == TestTokens.class ? tokens : tokens.settings();
    }

    /** The context of the test class, whose store closes the issuer when the class's tests are done. */
    private static ExtensionContext classContext(ExtensionContext context) {
        return context.getTestMethod().isPresent() ? context.getParent().orElseThrow() : context;
    }
}
