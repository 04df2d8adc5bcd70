package ai.codemie.auth.jdbc;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Two replicas, A and B, on one new PostgreSQL database with the platform's tables, each on its own connection pool:
 * started before a test class's first test, closed with the database after its last. Registered on a static field.
 */
final class TwoReplicas implements BeforeAllCallback, AfterAllCallback {

    private final String purpose;
    private final int poolSize;
    private final boolean tenants;
    private final UnaryOperator<JdbcUserStore.Builder> configure;
    private PostgresDatabase database;
    private PlatformReplica a;
    private PlatformReplica b;

    /**
     * Replicas on a database named after {@code purpose}, each with a pool of {@code poolSize} connections and a
     * store built with {@code configure} applied; their resolvers read tenants when {@code tenants} says so.
     */
    TwoReplicas(String purpose, int poolSize, boolean tenants, UnaryOperator<JdbcUserStore.Builder> configure) {
        this.purpose = purpose;
        this.poolSize = poolSize;
        this.tenants = tenants;
        this.configure = configure;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        database = PostgresDatabase.create(purpose).withPlatformSchema();
        a = PlatformReplica.onPool(database, purpose + "-a", poolSize, tenants, configure);
        b = PlatformReplica.onPool(database, purpose + "-b", poolSize, tenants, configure);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        a.close();
        b.close();
        database.close();
    }

    PostgresDatabase database() {
        return database;
    }

    PlatformReplica a() {
        return a;
    }

    PlatformReplica b() {
        return b;
    }
}
