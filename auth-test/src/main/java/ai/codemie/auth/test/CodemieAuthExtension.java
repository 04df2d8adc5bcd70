package ai.codemie.auth.test;

import ai.codemie.auth.config.AuthSettings;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Supplies test-kit objects to JUnit 5 test parameters: {@link TestTokens} (one issuer per test class, stopped
 * after the class), {@link AuthSettings} trusting it, and {@link TestCallers} (fresh for every test). Use it
 * through {@link CodemieAuthTest} or {@code @ExtendWith(CodemieAuthExtension.class)}.
 */
public final class CodemieAuthExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(CodemieAuthExtension.class);
    private static final Set<Class<?>> SUPPLIED = Set.of(TestTokens.class, AuthSettings.class, TestCallers.class);

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
        TestTokens tokens = tokens(context);
        return type == TestTokens.class ? tokens : tokens.settings();
    }

    /** The class's issuer: the store closes it when the class's tests are done. */
    static TestTokens tokens(ExtensionContext context) {
        ExtensionContext classContext = context.getTestMethod().isPresent() ? context.getParent().orElseThrow() : context;
        return classContext.getStore(NAMESPACE).computeIfAbsent(TestTokens.class, key -> TestTokens.start(),
                TestTokens.class);
    }
}
