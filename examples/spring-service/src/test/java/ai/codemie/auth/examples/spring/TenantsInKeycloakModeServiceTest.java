package ai.codemie.auth.examples.spring;

import ai.codemie.auth.spring.test.CodemieTestIssuer;
import org.springframework.boot.test.context.SpringBootTest;

/** Keycloak-managed mode with the tenant switch on: the service starts, and tenants stay off. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "CODEMIE_AUTH_TENANTS_ENABLED=true")
@CodemieTestIssuer
class TenantsInKeycloakModeServiceTest extends TenantsNotEnabledScenarios {
}
