package ai.codemie.auth.jdbc;

import ai.codemie.auth.resolve.IdentityConflictsContract;
import ai.codemie.auth.store.UserStore;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The identity rules of first and later logins on the real PostgreSQL with the platform's tables, whose unique
 * indexes on {@code username} and {@code email} are what the rules must live with.
 */
class IdentityConflictsOnPostgresTest extends IdentityConflictsContract {

    @RegisterExtension
    static final PlatformTables TABLES = new PlatformTables("identity");

    @Override
    protected UserStore createEmptyStore() throws Exception {
        return TABLES.emptyStore();
    }
}
