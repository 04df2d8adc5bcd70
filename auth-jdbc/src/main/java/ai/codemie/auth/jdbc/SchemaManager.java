package ai.codemie.auth.jdbc;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.error.InvalidConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the store's tables are there before it is used: creates them, with this library's versioned
 * scripts, in a database that has none of them, and checks that an existing schema (the platform's own) has
 * every column the store reads or writes. A schema this library did not create is never altered, except for the
 * change triggers when they are asked for.
 */
final class SchemaManager {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaManager.class);

    /** The versioned scripts; version n is the n-th. Append only. */
    private static final List<String> SCRIPTS = List.of("V1__codemie_auth_tables.sql", "V2__codemie_auth_tenants.sql");

    /**
     * The script of the library's own tenant tables: creates each only when missing, so it also runs in a schema the
     * library did not create when asked to.
     */
    static final String TENANT_TABLES = "V2__codemie_auth_tenants.sql";

    /** The tables of {@link #TENANT_TABLES}. */
    private static final List<String> TENANT_TABLE_NAMES = List.of("codemie_auth_tenants", "codemie_auth_tenant_roles",
            "codemie_auth_tenant_members", "codemie_auth_tenant_member_roles", "codemie_auth_tenant_invitations",
            "codemie_auth_tenant_invitation_roles", "codemie_auth_default_tenant_joined");

    /** The triggers that announce every write to the store's tables on PostgreSQL; also run by operators by hand. */
    static final String CHANGE_TRIGGERS = "codemie_auth_change_triggers.sql";

    /** Present only in a schema this library created; holds the versions applied. */
    static final String VERSION_TABLE = "codemie_auth_schema_version";

    /** Every table and the columns the store needs in it. */
    static final Map<String, List<String>> REQUIRED_COLUMNS = requiredColumns();

    /** Serialises schema creation by replicas starting together (PostgreSQL advisory lock key). */
    private static final long CREATION_LOCK = 0x636f_6465_6d69_6541L;

    private final Dialect dialect;
    private final String schema;

    SchemaManager(Dialect dialect, String schema) {
        this.dialect = dialect;
        this.schema = schema;
    }

    /**
     * Creates the tables if the schema has none of them (and creation is allowed), upgrades a schema this
     * library created, checks the columns, creates the tenant tables in a schema it did not create when asked, then
     * installs the change triggers when asked. Returns the columns of every table, lower case.
     *
     * @throws InvalidConfigurationException when tables or columns are missing, naming them, or when the database
     *                                       refuses the change triggers
     */
    Map<String, Set<String>> prepare(Connection connection, boolean createWhenMissing, boolean changeTriggers,
            boolean tenantTables) throws SQLException {
        connection.setAutoCommit(false);
        try {
            if (dialect == Dialect.POSTGRESQL) {
                try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                    lock.setLong(1, CREATION_LOCK);
                    lock.execute();
                }
            }
            Map<String, Set<String>> columns = readColumns(connection);
            if (columns.containsKey(VERSION_TABLE)) {
                upgrade(connection, installedVersion(connection));
            } else if (REQUIRED_COLUMNS.keySet().stream().noneMatch(columns::containsKey)) {
                if (!createWhenMissing) {
                    throw missing("has none of the tables " + REQUIRED_COLUMNS.keySet()
                            + " and schema creation is switched off");
                }
                LOG.info("Creating the user store tables in schema {}", schema);
                upgrade(connection, 0);
            }
            columns = readColumns(connection);
            verify(columns);
            if (tenantTables && !columns.containsKey(VERSION_TABLE) && !hasTenantTables(columns)) {
                run(connection, TENANT_TABLES);
                columns = readColumns(connection);
            }
            if (changeTriggers) {
                installChangeTriggers(connection);
            }
            connection.commit();
            return columns;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            // the connection may go back to the user's pool: leave it as it was handed out
            connection.setAutoCommit(true);
        }
    }

    /** Whether the schema whose columns these are has every tenant table. */
    static boolean hasTenantTables(Map<String, Set<String>> columns) {
        return columns.keySet().containsAll(TENANT_TABLE_NAMES);
    }

    private void upgrade(Connection connection, int installed) throws SQLException {
        if (installed > SCRIPTS.size()) {
            throw missing("was created by a newer version of codemie-auth (schema version " + installed
                    + ", this version knows " + SCRIPTS.size() + ")");
        }
        for (int version = installed + 1; version <= SCRIPTS.size(); version++) {
            run(connection, SCRIPTS.get(version - 1));
            try (PreparedStatement record = connection.prepareStatement(
                    "INSERT INTO " + schema + "." + VERSION_TABLE + " (version, applied_at) VALUES (?, ?)")) {
                record.setInt(1, version);
                record.setTimestamp(2, Timestamp.from(Instant.now()));
                record.executeUpdate();
            }
        }
    }

    private void run(Connection connection, String script) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(script)) {
                statement.execute(sql);
            }
        }
    }

    private void installChangeTriggers(Connection connection) throws SQLException {
        if (dialect != Dialect.POSTGRESQL) {
            LOG.warn("{}=true is ignored on {}: only this process writes an embedded database",
                    AuthSettings.JDBC_INSTALL_TRIGGERS.name(), dialect);
            return;
        }
        try {
            run(connection, CHANGE_TRIGGERS);
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("42")) {
                throw new InvalidConfigurationException(AuthSettings.JDBC_INSTALL_TRIGGERS.name(),
                        "the database refused "
                        + "the change triggers in schema '" + schema + "' (" + e.getMessage() + "); grant this user "
                        + "the right to create functions there and triggers on the tables, or have the table owner "
                        + "run " + CHANGE_TRIGGERS + " and switch the setting off");
            }
            throw e;
        }
        LOG.info("Change triggers are in place on schema {}: writes made outside this library reach every replica",
                schema);
    }

    private int installedVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM " + schema + "." + VERSION_TABLE)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private void verify(Map<String, Set<String>> columns) {
        List<String> missing = new ArrayList<>();
        REQUIRED_COLUMNS.forEach((table, required) -> {
            Set<String> present = columns.get(table);
            if (present == null) {
                missing.add("table " + table);
            } else {
                required.stream().filter(column -> !present.contains(column))
                        .forEach(column -> missing.add(table + "." + column));
            }
        });
        if (!missing.isEmpty()) {
            throw missing("lacks what the user store needs: " + String.join(", ", missing)
                    + " (the store never alters a schema it did not create)");
        }
    }

    private Map<String, Set<String>> readColumns(Connection connection) throws SQLException {
        Map<String, Set<String>> columns = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT LOWER(table_name), LOWER(column_name) FROM information_schema.columns"
                        + " WHERE LOWER(table_schema) = ?")) {
            query.setString(1, schema.toLowerCase(Locale.ROOT));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.computeIfAbsent(rows.getString(1), table -> new TreeSet<>()).add(rows.getString(2));
                }
            }
        }
        return columns;
    }

    private InvalidConfigurationException missing(String problem) {
        return new InvalidConfigurationException(JdbcUserStore.JDBC_URL, "schema '" + schema + "' of the "
                + dialect + " database " + problem);
    }

    private List<String> statements(String script) {
        String text;
        try (InputStream in = Objects.requireNonNull(SchemaManager.class.getResourceAsStream(script), script)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // statements end with ';', except inside the $$-quoted bodies of functions
        List<String> statements = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        String sql = text.replaceAll("(?m)^--.*$", "").replace("${schema}", schema);
        for (int i = 0; i < sql.length(); i++) {
            if (sql.startsWith("$$", i)) {
                quoted = !quoted;
                i++;
            } else if (sql.charAt(i) == ';' && !quoted) {
                addStatement(statements, sql.substring(start, i));
                start = i + 1;
            }
        }
        addStatement(statements, sql.substring(start));
        return statements;
    }

    private static void addStatement(List<String> statements, String statement) {
        if (!statement.isBlank()) {
            statements.add(statement.strip());
        }
    }

    private static Map<String, List<String>> requiredColumns() {
        Map<String, List<String>> required = new LinkedHashMap<>();
        required.put("users", List.of("id", "username", "email", "name", "picture", "user_type", "is_active",
                "deleted_at", "is_admin", "is_maintainer", "project_limit", "auth_source", "last_login_at"));
        required.put("user_projects", List.of("id", "user_id", "project_name", "is_project_admin"));
        required.put("user_knowledge_bases", List.of("id", "user_id", "kb_name"));
        required.put("applications", List.of("id", "name", "project_type", "created_by", "deleted_at",
                "description"));
        return Collections.unmodifiableMap(required);
    }
}
