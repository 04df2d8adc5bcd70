package ai.codemie.auth.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The platform's tables in a database of their own for one test class, with a connection pool as services have
 * one; register it as a static {@code @RegisterExtension} field. Each test gets a store on emptied tables.
 */
final class PlatformTables implements BeforeAllCallback, AfterAllCallback {

    private final String purpose;
    private PostgresDatabase database;
    private HikariDataSource pool;

    PlatformTables(String purpose) {
        this.purpose = purpose;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        database = PostgresDatabase.create(purpose).withPlatformSchema();
        pool = database.pool(purpose, 10);
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        pool.close();
        database.close();
    }

    /** A store on the tables, emptied first. */
    JdbcUserStore emptyStore() throws SQLException {
        database.truncate();
        return JdbcUserStore.create(pool);
    }

    /** A store on the tables with the library's tenant tables beside them, all emptied first. */
    JdbcUserStore emptyStoreWithTenants() throws SQLException {
        JdbcUserStore.builder(pool).createTenantTables(true).build().close();
        database.truncate();
        return JdbcUserStore.builder(pool).createTenantTables(true).build();
    }
}
