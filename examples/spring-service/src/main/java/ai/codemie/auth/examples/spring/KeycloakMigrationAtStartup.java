package ai.codemie.auth.examples.spring;

import ai.codemie.auth.audit.AuditSink;
import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.keycloak.KeycloakMigration;
import ai.codemie.auth.keycloak.KeycloakMigrationSettings;
import ai.codemie.auth.store.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * With {@code KEYCLOAK_MIGRATION_ENABLED=true}, imports the Keycloak users once the service is ready, on a thread of
 * its own: the service answers meanwhile, and users who sign in first are created by their first login and then
 * skipped by the import. The settings are checked at startup, which stops naming a missing or malformed one, or
 * naming {@code ENABLE_USER_MANAGEMENT} in Keycloak-managed mode. Belongs to the running service only: the
 * {@code migrate-keycloak} command runs the import itself. The users it creates go to the audit sink as the
 * command's do.
 */
@Component
@ConditionalOnWebApplication
class KeycloakMigrationAtStartup implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(KeycloakMigrationAtStartup.class);

    private final KeycloakMigration migration;
    private volatile Thread running;

    KeycloakMigrationAtStartup(AuthSettings settings, Environment environment, ObjectProvider<UserStore> store,
            AuditSink audit) {
        this.migration = KeycloakMigrationSettings.enabledIn(environment::getProperty)
                ? MigrateKeycloakCommand.migration(settings, environment, store, audit) : null;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (migration == null || running != null) {
            return;
        }
        Thread thread = new Thread(this::migrate, "keycloak-migration");
        thread.setDaemon(true);
        running = thread;
        thread.start();
    }

    private void migrate() {
        try {
            migration.run(); // the import logs its report itself
        } catch (RuntimeException e) {
            LOG.error("Keycloak migration did not run to the end; it runs again at the next start", e);
        }
    }

    /** Interrupts a running import at shutdown; users it already created stay, the next run skips them. */
    @Override
    public void destroy() {
        Thread thread = running;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
