package ai.codemie.auth.examples.spring;

import ai.codemie.auth.spring.test.CodemieTestIssuer;
import org.springframework.boot.test.context.SpringBootTest;

/** Platform-managed mode without {@code CODEMIE_AUTH_TENANTS_ENABLED}: tenants are off by default. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ENABLE_USER_MANAGEMENT=true",
                "CODEMIE_AUTH_JDBC_URL=jdbc:h2:mem:tenants_switched_off;DB_CLOSE_DELAY=-1"})
@CodemieTestIssuer
class TenantsSwitchedOffServiceTest extends TenantsNotEnabledScenarios {
}
