package ai.codemie.auth.examples.spring;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.jdbc.JdbcUserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/**
 * The user store of platform-managed mode: the database at {@code CODEMIE_AUTH_JDBC_URL} (or, when unset,
 * {@code SPRING_DATASOURCE_URL}) with {@code SPRING_DATASOURCE_USERNAME} / {@code SPRING_DATASOURCE_PASSWORD};
 * without a URL, an embedded in-memory H2 database. The store's options follow the settings
 * ({@link JdbcUserStore.Builder#settings}): its change triggers, and its tenant tables when tenants are on. Opened
 * only when platform-managed mode first needs it.
 */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(StoreConfiguration.class);

    @Bean(destroyMethod = "close")
    @Lazy
    JdbcUserStore userStore(Environment environment, AuthSettings settings) {
        String url = environment.getProperty(JdbcUserStore.JDBC_URL);
        if (url == null || url.isBlank()) {
            url = environment.getProperty("SPRING_DATASOURCE_URL");
        }
        if (url == null || url.isBlank()) {
            LOG.info("No {} or SPRING_DATASOURCE_URL: users are kept in an embedded in-memory H2 database, lost at "
                    + "shutdown", JdbcUserStore.JDBC_URL);
            return JdbcUserStore.inMemoryH2("codemie");
        }
        LOG.info("User store: {}", url.replaceAll("password=[^&;]*", "password=***"));
        return JdbcUserStore.builder(url, environment.getProperty("SPRING_DATASOURCE_USERNAME"),
                        environment.getProperty("SPRING_DATASOURCE_PASSWORD"))
                .settings(settings).build();
    }
}
