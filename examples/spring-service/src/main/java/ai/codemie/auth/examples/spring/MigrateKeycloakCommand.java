package ai.codemie.auth.examples.spring;

import ai.codemie.auth.audit.AuditSink;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.error.InvalidConfigurationException;
import ai.codemie.auth.keycloak.KeycloakAdminException;
import ai.codemie.auth.keycloak.KeycloakMigration;
import ai.codemie.auth.keycloak.KeycloakMigrationSettings;
import ai.codemie.auth.keycloak.MigrationReport;
import ai.codemie.auth.store.StoreUnavailableException;
import ai.codemie.auth.store.UserStore;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * {@code migrate-keycloak [--dry-run]}: runs the Keycloak user import once with the service's configuration
 * (whatever {@code KEYCLOAK_MIGRATION_ENABLED} says), without a web server, and prints the report as one JSON object.
 *
 * <p>Exit codes: {@value #OK} when no user failed (also when another run held the lock: the report is empty);
 * {@value #USER_FAILED} when some user failed; {@value #NOT_RUN} when the import could not start — bad
 * configuration, Keycloak unreachable or refusing the token request or an admin call, the store unreachable — and
 * nothing was written.
 */
final class MigrateKeycloakCommand {

    /** The first argument that selects this command. */
    static final String NAME = "migrate-keycloak";
    static final int OK = 0;
    static final int USER_FAILED = 1;
    static final int NOT_RUN = 2;

    private static final Logger LOG = LoggerFactory.getLogger(MigrateKeycloakCommand.class);

    private MigrateKeycloakCommand() {
    }

    /**
     * Runs the command and returns its exit code.
     *
     * @param arguments  the arguments after the command's name
     * @param report     where the report goes, and nothing else
     * @param properties settings added beneath the environment's (for tests)
     */
    static int run(List<String> arguments, PrintStream report, Map<String, Object> properties) {
        boolean dryRun = arguments.equals(List.of("--dry-run"));
        if (!dryRun && !arguments.isEmpty()) {
            LOG.error("Usage: {} [--dry-run]; unknown arguments {}", NAME, arguments);
            return NOT_RUN;
        }
        SpringApplicationBuilder application = new SpringApplicationBuilder(SpringServiceApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .registerShutdownHook(false)
                .properties(properties);
        try (ConfigurableApplicationContext context = application.run()) {
            MigrationReport result = migrate(context, dryRun);
            report.println(result.toJson());
            report.flush();
            return result.failed() > 0 ? USER_FAILED : OK;
        } catch (InvalidConfigurationException | KeycloakAdminException | StoreUnavailableException e) {
            LOG.error("Keycloak migration not run: {}", e.getMessage());
            return NOT_RUN;
        } catch (RuntimeException e) {
            InvalidConfigurationException configuration = cause(e, InvalidConfigurationException.class);
            LOG.error("Keycloak migration not run: {}", configuration != null ? configuration.getMessage()
                    : "the service could not start", configuration != null ? null : e);
            return NOT_RUN;
        }
    }

    private static MigrationReport migrate(ConfigurableApplicationContext context, boolean dryRun) {
        KeycloakMigration migration = migration(context.getBean(AuthSettings.class), context.getEnvironment(),
                context.getBeanProvider(UserStore.class), context.getBean(AuditSink.class));
        return dryRun ? migration.dryRun() : migration.run();
    }

    /**
     * The import with the service's settings and store, reporting the users it creates where the administration API
     * reports its changes: to the {@link AuditSink} bean.
     *
     * @throws InvalidConfigurationException naming a missing or malformed migration setting, or
     *                                       {@code ENABLE_USER_MANAGEMENT} in Keycloak-managed mode
     */
    static KeycloakMigration migration(AuthSettings settings, Environment environment,
            ObjectProvider<UserStore> store, AuditSink audit) {
        KeycloakMigrationSettings keycloak = KeycloakMigrationSettings.fromEnvironment(environment::getProperty);
        KeycloakMigration.requirePlatformManaged(settings);
        return new KeycloakMigration(settings, keycloak, store.getObject(), audit);
    }

    private static <T extends Throwable> T cause(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
