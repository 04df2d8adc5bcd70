package ai.codemie.auth.jdbc;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.store.BroadcastChangeFeed;
import ai.codemie.auth.error.InvalidConfigurationException;
import ai.codemie.auth.store.ChangeFeed;
import ai.codemie.auth.store.StoreUnavailableException;
import ai.codemie.auth.store.UserStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user store on the platform's tables ({@code users}, {@code user_projects}, {@code user_knowledge_bases},
 * {@code applications} in schema {@code codemie}) over a {@link DataSource} the application supplies, on
 * PostgreSQL (shared by several replicas) or H2 (the embedded default).
 *
 * <p>Every {@link #inTransaction} runs on one connection in READ COMMITTED; {@code users().lock},
 * {@code lockUsableAdmins} and {@code lockUsableMaintainers} take row locks, so rules that lock, count and write are
 * atomic across replicas. A database that cannot be reached becomes {@link StoreUnavailableException} (a 503), and
 * the next transaction tries again: the store recovers by itself when the database is back. A value the database
 * refuses (SQLState class {@code 22} or {@code 23}) becomes {@link ai.codemie.auth.store.InvalidStoreDataException}
 * instead; either is logged once with its cause.
 *
 * <p>Changes published in a transaction reach this store's subscribers right after it commits, and on
 * PostgreSQL every other store on the same database through {@code NOTIFY} on {@link #CHANGE_CHANNEL}. For
 * that, a PostgreSQL store keeps one connection of the data source for itself until it is closed. While that
 * connection is lost, changes go unheard: subscribers are told that everything changed when it is lost and again
 * when it is back. Writes made outside this library (the platform's own backend, SQL) notify nobody unless the change
 * triggers are installed ({@link Builder#installChangeTriggers}); until then a replica sees them when its cached
 * permissions expire.
 *
 * <pre>{@code
 * try (JdbcUserStore store = JdbcUserStore.create(dataSource)) {
 *     Optional<StoredUser> user = store.inTransaction(tx -> tx.users().find(id));
 * }
 * }</pre>
 */
public final class JdbcUserStore implements UserStore, AutoCloseable {

    /** The setting that points the reference services at a database; named in schema errors. */
    public static final String JDBC_URL = "CODEMIE_AUTH_JDBC_URL";

    /**
     * The PostgreSQL notification channel of user changes; the payload is the user id. The change triggers'
     * script ({@link Builder#installChangeTriggers}) notifies on it too.
     */
    public static final String CHANGE_CHANNEL = "codemie_auth_user_changed";

    /** The schema of the platform's tables. */
    public static final String DEFAULT_SCHEMA = "codemie";

    private static final Logger LOG = LoggerFactory.getLogger(JdbcUserStore.class);
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private final DataSource dataSource;
    private final Dialect dialect;
    private final String databaseUrl;
    private final StoreSql sql;
    private final TenantSql tenantSql;
    private final BroadcastChangeFeed feed = new BroadcastChangeFeed();
    private final List<AutoCloseable> resources = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private JdbcUserStore(Builder builder) {
        this.dataSource = builder.dataSource;
        try (Connection connection = dataSource.getConnection()) {
            this.dialect = Dialect.of(connection.getMetaData());
            this.databaseUrl = connection.getMetaData().getURL();
            Map<String, Set<String>> columns = new SchemaManager(dialect, builder.schema)
                    .prepare(connection, builder.createSchema, builder.installChangeTriggers,
                            builder.createTenantTables);
            this.sql = new StoreSql(builder.schema, dialect, columns);
            this.tenantSql = new TenantSql(builder.schema, dialect, SchemaManager.hasTenantTables(columns) ? null
                    : "schema '" + builder.schema + "' of the " + dialect + " database has no tenant tables "
                    + "(codemie_auth_tenants and the others of " + SchemaManager.TENANT_TABLES + "): build the store "
                    + "with createTenantTables(true), which the reference services do when this setting is true, or "
                    + "have the schema's owner run that script");
        } catch (SQLException e) {
            throw SqlFailures.of(e);
        }
        if (dialect == Dialect.POSTGRESQL) {
            try {
                resources.add(PostgresChangeListener.start(dataSource, feed, builder.initialReconnectBackoff,
                        builder.maxReconnectBackoff));
            } catch (SQLException e) {
                throw SqlFailures.of(e);
            }
        }
        LOG.info("User store on {} (schema {})", dialect, builder.schema);
    }

    /**
     * A store on the data source with the defaults: schema {@value #DEFAULT_SCHEMA}, tables created when the
     * database has none of them.
     *
     * @throws InvalidConfigurationException when the database is neither PostgreSQL nor H2, or its schema lacks
     *                                       tables or columns the store needs
     * @throws StoreUnavailableException     when the database cannot be reached
     */
    public static JdbcUserStore create(DataSource dataSource) {
        return builder(dataSource).build();
    }

    /**
     * A store on the database at a {@code jdbc:postgresql:} or {@code jdbc:h2:} URL, over the driver's own
     * data source, which opens a connection per transaction. Prefer {@link #create(DataSource)} with a pool where
     * the application has one. An in-memory H2 URL needs {@code DB_CLOSE_DELAY=-1}, or its data goes with each
     * connection; {@link #inMemoryH2} takes care of that.
     *
     * @param user     the database user, or null for the URL's or driver's default
     * @param password the password, or null
     * @throws InvalidConfigurationException for another kind of URL, or a schema that does not fit
     * @throws StoreUnavailableException     when the database cannot be reached
     */
    public static JdbcUserStore connect(String url, String user, String password) {
        return builder(url, user, password).build();
    }

    /**
     * A builder for a store on the database at a {@code jdbc:postgresql:} or {@code jdbc:h2:} URL, as
     * {@link #connect} opens it.
     *
     * @throws InvalidConfigurationException for another kind of URL
     */
    public static Builder builder(String url, String user, String password) {
        Objects.requireNonNull(url, JDBC_URL);
        return builder(DriverDataSources.forUrl(url.trim(), user, password));
    }

    /**
     * The embedded default: a store in an H2 database file ({@code databaseFile} plus H2's {@code .mv.db}),
     * created on first use. The database stays open while the store is.
     */
    public static JdbcUserStore embeddedH2(Path databaseFile) {
        String path = databaseFile.toAbsolutePath().toString();
        if (path.contains(";")) {
            throw new InvalidConfigurationException(JDBC_URL, "an H2 database path must not contain ';': " + path);
        }
        return embedded("jdbc:h2:file:" + path);
    }

    /** A store in a private in-memory H2 database, gone when the store is closed. For tests and demos. */
    public static JdbcUserStore inMemoryH2(String name) {
        if (!IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("an in-memory database name is letters, digits and '_': " + name);
        }
        return embedded("jdbc:h2:mem:" + name);
    }

    private static JdbcUserStore embedded(String url) {
        // concurrent lockers of one user wait in line; H2's one-second default would turn a queue into failures
        DataSource dataSource = DriverDataSources.h2(url + ";LOCK_TIMEOUT=10000", null, null);
        Connection keepOpen = connect(dataSource);
        try {
            JdbcUserStore store = builder(dataSource).build();
            // H2 closes a database with its last connection: this one keeps it for the lifetime of the store
            store.resources.add(keepOpen);
            return store;
        } catch (RuntimeException e) {
            closeQuietly(keepOpen);
            throw e;
        }
    }

    /** A builder for a store on the data source. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    @Override
    public <T> T inTransaction(StoreWork<T> work) {
        Objects.requireNonNull(work, "work");
        if (closed) {
            throw new IllegalStateException("the user store is closed");
        }
        Connection connection = begin();
        try {
            JdbcStoreTransaction transaction = new JdbcStoreTransaction(connection, sql, tenantSql, dialect,
                    dialect == Dialect.POSTGRESQL);
            T result;
            try {
                result = work.run(transaction);
                connection.commit();
            } catch (SQLException e) {
                rollbackQuietly(connection, e);
                throw SqlFailures.of(e);
            } catch (RuntimeException | Error e) {
                rollbackQuietly(connection, e);
                throw e;
            }
            feed.usersChanged(transaction.changedUsers());
            feed.tenantsChanged(transaction.changedTenants());
            return result;
        } finally {
            release(connection);
        }
    }

    @Override
    public ChangeFeed changeFeed() {
        return feed;
    }

    /**
     * Takes the store-wide lock of the name without waiting. On PostgreSQL a session advisory lock on a connection
     * of the data source kept until the lock is closed (the database drops it if the process dies); on H2, an
     * embedded database one process opens, a lock in this process.
     */
    @Override
    public Optional<ExclusiveLock> tryExclusiveLock(String name) {
        Objects.requireNonNull(name, "name");
        if (closed) {
            throw new IllegalStateException("the user store is closed");
        }
        return dialect == Dialect.POSTGRESQL ? ExclusiveLocks.advisory(connect(dataSource), name)
                : ExclusiveLocks.embedded(databaseUrl, name);
    }

    /** Stops listening for other replicas' changes and releases the store's own connections. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("Closing the user store failed", e);
            }
        }
    }

    private Connection begin() {
        Connection connection = connect(dataSource);
        try {
            if (dialect != Dialect.POSTGRESQL) {
                // PostgreSQL sets it with the transaction's first statement, saving a round trip per transaction
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            }
            connection.setAutoCommit(false);
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw SqlFailures.of(e);
        }
    }

    private static Connection connect(DataSource dataSource) {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw SqlFailures.of(e);
        }
    }

    /** Gives the connection back in autocommit mode, as data sources hand them out; failures only matter to it. */
    private static void release(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            LOG.debug("Could not restore autocommit on a store connection", e);
        }
        closeQuietly(connection);
    }

    private static void rollbackQuietly(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("Closing a store connection failed", e);
        }
    }

    /** Options of a {@link JdbcUserStore}; every option has a default. */
    public static final class Builder {

        private final DataSource dataSource;
        private String schema = DEFAULT_SCHEMA;
        private boolean createSchema = true;
        private boolean installChangeTriggers;
        private boolean createTenantTables;
        private Duration initialReconnectBackoff = Duration.ofMillis(200);
        private Duration maxReconnectBackoff = Duration.ofSeconds(10);

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** The schema of the tables (default {@value #DEFAULT_SCHEMA}): a plain SQL identifier. */
        public Builder schema(String value) {
            if (value == null || !IDENTIFIER.matcher(value).matches()) {
                throw new InvalidConfigurationException(JDBC_URL, "the schema must be a plain SQL identifier, not '"
                        + value + "'");
            }
            this.schema = value;
            return this;
        }

        /**
         * Whether the store creates its tables in a database that has none of them (default true). A schema with
         * some or all of the tables is never altered, whatever this says.
         */
        public Builder createSchema(boolean value) {
            this.createSchema = value;
            return this;
        }

        /**
         * Whether the store installs, on PostgreSQL, the triggers of {@value SchemaManager#CHANGE_TRIGGERS} (default
         * false; {@code CODEMIE_AUTH_JDBC_INSTALL_TRIGGERS}): every write to its four tables (and to its tenant
         * tables, where they exist), also one made outside this library, then reaches every replica's cache within
         * about a second. Installed once, under the schema lock, and left in place; besides the tenant tables of
         * {@link #createTenantTables}, the only change the store makes to a schema it did not create. Ignored, with a
         * warning, on H2, which only this process writes.
         */
        public Builder installChangeTriggers(boolean value) {
            this.installChangeTriggers = value;
            return this;
        }

        /**
         * Whether the store creates its tenant tables (those of schema version 2, all named {@code codemie_auth_*})
         * where they are missing in a schema it did not create (default false, which leaves such a schema exactly as
         * it is; its tenant reads and writes are then refused with an {@link InvalidConfigurationException} naming
         * {@code CODEMIE_AUTH_TENANTS_ENABLED}, and a store used with tenants off never touches them). A schema the store created gets them with every upgrade,
         * whatever this says. The tenant tables refer to no table of the platform's, which stay untouched.
         */
        public Builder createTenantTables(boolean value) {
            this.createTenantTables = value;
            return this;
        }

        /**
         * The options that follow from the settings, one place for every application that builds its store from
         * them: {@link #installChangeTriggers} from {@code CODEMIE_AUTH_JDBC_INSTALL_TRIGGERS}, and
         * {@link #createTenantTables} from {@code CODEMIE_AUTH_TENANTS_ENABLED} in platform-managed mode.
         */
        public Builder settings(AuthSettings settings) {
            return installChangeTriggers(settings.get(AuthSettings.JDBC_INSTALL_TRIGGERS))
                    .createTenantTables(settings.get(AuthSettings.ENABLE_USER_MANAGEMENT)
                            && settings.get(AuthSettings.TENANTS_ENABLED));
        }

        /**
         * How long the PostgreSQL change listener waits before reconnecting after losing its connection: the
         * first pause, doubled after each failure up to the longest (defaults 200 ms and 10 s).
         */
        public Builder reconnectBackoff(Duration initial, Duration longest) {
            if (initial.isNegative() || initial.isZero() || longest.compareTo(initial) < 0) {
                throw new IllegalArgumentException("reconnect backoff must be positive and initial <= longest");
            }
            this.initialReconnectBackoff = initial;
            this.maxReconnectBackoff = longest;
            return this;
        }

        /**
         * Connects, prepares the schema and, on PostgreSQL, starts listening for changes.
         *
         * @throws InvalidConfigurationException when the database or its schema does not fit the store, or refuses
         *                                       to install the change triggers
         * @throws StoreUnavailableException     when the database cannot be reached
         */
        public JdbcUserStore build() {
            return new JdbcUserStore(this);
        }
    }
}
