package ai.codemie.auth.jdbc;

import ai.codemie.auth.store.ProcessLocks;
import ai.codemie.auth.store.StoreUnavailableException;
import ai.codemie.auth.store.UserStore.ExclusiveLock;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store-wide exclusive locks of {@link JdbcUserStore}.
 *
 * <p>PostgreSQL: a session advisory lock on a connection kept for the lock alone, so that it is not bound to any
 * transaction, and the database drops it when the holder's session ends — a process that dies releases it. The
 * key is derived from the lock's name, the same in every replica.
 *
 * <p>H2 is an embedded database, opened by one process: a lock held in this process, per database URL, is
 * store-wide there.
 */
final class ExclusiveLocks {

    private static final Logger LOG = LoggerFactory.getLogger(ExclusiveLocks.class);

    /** Locks taken on embedded databases, by database URL and lock name. */
    private static final ProcessLocks EMBEDDED = new ProcessLocks();

    private ExclusiveLocks() {
    }

    /**
     * Takes the PostgreSQL advisory lock of the name on the connection, kept for the lock alone, or nothing when it
     * is held (the connection is then closed).
     */
    static Optional<ExclusiveLock> advisory(Connection connection, String name) {
        long key = advisoryKey(name);
        try {
            connection.setAutoCommit(true);
            boolean taken;
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                statement.setLong(1, key);
                try (ResultSet row = statement.executeQuery()) {
                    taken = row.next() && row.getBoolean(1);
                }
            }
            if (!taken) {
                connection.close();
                return Optional.empty();
            }
            return Optional.of(new AdvisoryLock(connection, key));
        } catch (SQLException e) {
            abort(connection);
            throw new StoreUnavailableException(e);
        }
    }

    /** Takes the process-wide lock of the name on the embedded database at the URL, or nothing when it is held. */
    static Optional<ExclusiveLock> embedded(String databaseUrl, String name) {
        return EMBEDDED.tryLock(databaseUrl + '\n' + name);
    }

    /** The first eight bytes of SHA-256 over a prefix of this library and the name. */
    static long advisoryKey(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("codemie-auth:" + name).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Ends the connection's session, which drops its advisory locks even where a pool would keep it open. */
    private static void abort(Connection connection) {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Aborting a lock connection failed", e);
        }
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("Closing a lock connection failed", e);
        }
    }

    /** A held advisory lock and the connection whose session holds it. */
    private static final class AdvisoryLock implements ExclusiveLock {

        private final Connection connection;
        private final long key;
        private final AtomicBoolean released = new AtomicBoolean();

        AdvisoryLock(Connection connection, long key) {
            this.connection = connection;
            this.key = key;
        }

        @Override
        public void close() {
            if (!released.compareAndSet(false, true)) {
                return;
            }
            try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                statement.setLong(1, key);
                statement.execute();
                connection.close();
            } catch (SQLException e) {
                // a pooled connection must not go back still holding the lock
                LOG.warn("Could not release the advisory lock normally; ending its database session instead", e);
                abort(connection);
            }
        }
    }
}
