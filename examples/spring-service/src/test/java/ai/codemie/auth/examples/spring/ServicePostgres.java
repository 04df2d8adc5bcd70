package ai.codemie.auth.examples.spring;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A database of one service test class on the real PostgreSQL (127.0.0.1:5432, user {@code postgres}): created
 * with a random name before the application context starts, given to the service as an operator would, dropped
 * after the class.
 */
final class ServicePostgres {

    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    private ServicePostgres() {
    }

    /** Creates a database named by the prefix and a random suffix; returns its name. */
    static String create(String prefix) throws SQLException {
        String database = prefix + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        execute("postgres", "CREATE DATABASE " + database);
        return database;
    }

    /** Makes the service use the database as its platform-managed store. */
    static void configure(DynamicPropertyRegistry registry, String database) {
        registry.add("ENABLE_USER_MANAGEMENT", () -> "true");
        registry.add("CODEMIE_AUTH_JDBC_URL", () -> SERVER + database);
        registry.add("SPRING_DATASOURCE_USERNAME", () -> "postgres");
    }

    static void drop(String database) throws SQLException {
        execute("postgres", "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    static void execute(String database, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(SERVER + database, "postgres", null);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
