package ai.codemie.auth.examples.spring;

import ai.codemie.auth.spring.test.CodemieTestIssuer;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The tenant scenarios on the real PostgreSQL, in a database of this class alone. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"CODEMIE_AUTH_TENANTS_ENABLED=true", "MAINTAINER_USER_ID=" + TenantServiceScenarios.MAINTAINER})
@CodemieTestIssuer
@DirtiesContext
class TenantsOnPostgresServiceTest extends TenantServiceScenarios {

    static String database;

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) throws SQLException {
        database = ServicePostgres.create("codemie_spring_tenants_");
        ServicePostgres.configure(registry, database);
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        ServicePostgres.drop(database);
    }
}
