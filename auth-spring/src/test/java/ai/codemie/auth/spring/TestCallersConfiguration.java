package ai.codemie.auth.spring;

import ai.codemie.auth.resolve.PermissionResolver;
import ai.codemie.auth.test.TestCallers;
import ai.codemie.auth.token.TokenVerifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Callers with installed permissions for the HTTP tests of the adapter: the auto-configuration builds
 * {@code CodemieAuth} from these beans, and the settings from {@code application.properties}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestCallersConfiguration {

    @Bean
    TestCallers testCallers() {
        return new TestCallers();
    }

    @Bean
    TokenVerifier testCallerTokenVerifier(TestCallers callers) {
        return callers.tokenVerifier();
    }

    @Bean
    PermissionResolver testCallerPermissionResolver(TestCallers callers) {
        return callers.permissionResolver();
    }
}
