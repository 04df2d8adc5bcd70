package ai.codemie.auth.examples.spring;

import ai.codemie.auth.spring.test.CodemieTestIssuer;
import org.springframework.boot.test.context.SpringBootTest;

/** The tenant scenarios on the embedded store: an H2 database of this class alone. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ENABLE_USER_MANAGEMENT=true", "CODEMIE_AUTH_TENANTS_ENABLED=true",
                "MAINTAINER_USER_ID=" + TenantServiceScenarios.MAINTAINER,
                "CODEMIE_AUTH_JDBC_URL=jdbc:h2:mem:tenants_service;DB_CLOSE_DELAY=-1"})
@CodemieTestIssuer
class TenantsOnH2ServiceTest extends TenantServiceScenarios {
}
