package ai.codemie.auth.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database of its own on the real PostgreSQL of the machine (127.0.0.1:5432, user postgres, trust
 * authentication), created for one test class and dropped afterwards. Published in auth-jdbc's test jar.
 */
public final class PostgresDatabase implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    static final int PORT = 5432;
    static final String USER = "postgres";

    private final String name;

    private PostgresDatabase(String name) {
        this.name = name;
    }

    /** Creates an empty database named after the purpose and a random suffix. */
    public static PostgresDatabase create(String purpose) throws SQLException {
        String name = "codemie_auth_" + purpose + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong()
                & Long.MAX_VALUE);
        try (Connection admin = dataSource("postgres", PORT).getConnection();
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return new PostgresDatabase(name);
    }

    /** The platform's tables as its migrations create them: other constraint and index names than ours. */
    public PostgresDatabase withPlatformSchema() throws SQLException {
        execute(resource("/platform-migrations.sql"));
        return this;
    }

    /** A new, non-pooling data source on this database: each one stands for a separate replica. */
    public DataSource dataSource() {
        return dataSource(name, PORT);
    }

    /** A connection pool on this database, as a service replica would have. */
    public HikariDataSource pool(String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(dataSource());
        config.setPoolName(name);
        config.setMaximumPoolSize(size);
        return new HikariDataSource(config);
    }

    public String name() {
        return name;
    }

    /** Runs SQL statements separated by semicolons, in autocommit mode. */
    public void execute(String statements) throws SQLException {
        try (Connection connection = dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            for (String sql : statements.split(";")) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        }
    }

    /** The rows a query answers, each as the list of its column values. */
    public List<List<Object>> rows(String query) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Connection connection = dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(query)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int column = 1; column <= columns; column++) {
                    row.add(result.getObject(column));
                }
                rows.add(row);
            }
        }
        return rows;
    }

    /** Empties the platform's tables, and the library's tenant tables where they exist. */
    public void truncate() throws SQLException {
        execute("TRUNCATE codemie.users, codemie.user_projects, codemie.user_knowledge_bases, codemie.applications");
        try (Connection connection = dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet tenants = statement.executeQuery("SELECT to_regclass('codemie.codemie_auth_tenants')")) {
            if (tenants.next() && tenants.getString(1) != null) {
                statement.execute("TRUNCATE codemie.codemie_auth_tenants, codemie.codemie_auth_default_tenant_joined"
                        + " CASCADE");
            }
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection admin = dataSource("postgres", PORT).getConnection();
             Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    static PGSimpleDataSource dataSource(String database, int port) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {HOST});
        dataSource.setPortNumbers(new int[] {port});
        dataSource.setDatabaseName(database);
        dataSource.setUser(USER);
        dataSource.setConnectTimeout(2);
        return dataSource;
    }

    private static String resource(String path) {
        try (InputStream in = Objects.requireNonNull(PostgresDatabase.class.getResourceAsStream(path), path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
