package ai.codemie.auth.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A database of its own on the local PostgreSQL (127.0.0.1:5432, user {@code postgres}, trust authentication),
 * created for one benchmark trial with a small connection pool in front, and dropped when closed.
 */
public final class BenchDatabase implements AutoCloseable {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String USER = "postgres";

    private final String name;
    private final HikariDataSource pool;

    private BenchDatabase(String name, HikariDataSource pool) {
        this.name = name;
        this.pool = pool;
    }

    /** Creates a fresh, empty database. */
    public static BenchDatabase create() {
        String name = "codemie_bench_" + ProcessHandle.current().pid() + "_" + System.nanoTime();
        admin("CREATE DATABASE " + name);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(SERVER + name);
        config.setUsername(USER);
        config.setMaximumPoolSize(4);
        config.setPoolName(name);
        return new BenchDatabase(name, new HikariDataSource(config));
    }

    /** The pooled connections to the database. */
    public DataSource dataSource() {
        return pool;
    }

    /** Closes the pool and drops the database, whoever is still connected. */
    @Override
    public void close() {
        pool.close();
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void admin(String sql) {
        try (Connection connection = DriverManager.getConnection(SERVER + USER, USER, null);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL on 127.0.0.1:5432 (user postgres) is needed: " + sql
                    + " failed", e);
        }
    }
}
