package ai.codemie.auth.jdbc;

import ai.codemie.auth.store.BroadcastChangeFeed;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears the changes other replicas commit: a thread that holds one connection of its own, {@code LISTEN}s on
 * {@link JdbcUserStore#CHANGE_CHANNEL} and hands each notification to the feed. When the connection is lost it tells
 * the feed that everything changed, because changes committed from then on go unheard, and so nothing cached may
 * outlive the silence; it reconnects with a growing pause and tells the feed once more, because what was cached
 * while it was away may have missed notifications.
 */
final class PostgresChangeListener implements AutoCloseable {

    /** Shown in {@code pg_stat_activity.application_name} for the listening connection. */
    static final String APPLICATION_NAME = "codemie-auth-change-listener";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresChangeListener.class);
    private static final int POLL_MILLIS = 100;
    /** A silent connection is checked this often, so that a dead peer is noticed without traffic. */
    private static final long HEARTBEAT_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final int HEARTBEAT_TIMEOUT_SECONDS = 2;

    private final DataSource dataSource;
    private final BroadcastChangeFeed feed;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Thread thread;
    private volatile Connection connection;
    /** The application name of the listening connection before this listener renamed it. */
    private volatile String previousApplicationName = "";

    private PostgresChangeListener(DataSource dataSource, BroadcastChangeFeed feed, Duration initialBackoff,
            Duration maxBackoff) {
        this.dataSource = dataSource;
        this.feed = feed;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.thread = new Thread(this::run, APPLICATION_NAME);
        this.thread.setDaemon(true);
    }

    /**
     * Starts listening: the first {@code LISTEN} happens before this returns, so that no change committed after
     * the store was created is missed.
     */
    static PostgresChangeListener start(DataSource dataSource, BroadcastChangeFeed feed, Duration initialBackoff,
            Duration maxBackoff) throws SQLException {
        PostgresChangeListener listener = new PostgresChangeListener(dataSource, feed, initialBackoff, maxBackoff);
        listener.connection = listener.listen();
        listener.thread.start();
        return listener;
    }

    private void run() {
        try {
            listenUntilClosed();
        } finally {
            Connection last = connection;
            if (last != null) {
                // the connection may go back to the user's pool: leave it as it was handed out
                setApplicationName(last, previousApplicationName);
                closeQuietly(last);
            }
        }
    }

    private void listenUntilClosed() {
        Duration backoff = initialBackoff;
        while (!isClosing()) {
            try {
                if (connection == null) {
                    connection = listen();
                    LOG.info("User store change listener reconnected; dropping every cached user again");
                    feed.everythingChanged();
                    backoff = initialBackoff;
                }
                pump(connection);
            } catch (SQLException | RuntimeException e) {
                boolean wasListening = connection != null;
                closeQuietly(connection);
                connection = null;
                if (isClosing()) {
                    break;
                }
                if (wasListening) {
                    LOG.warn("User store change listener lost its connection ({}); dropping every cached user and"
                            + " reconnecting", e.getMessage());
                    feed.everythingChanged();
                } else {
                    LOG.debug("User store change listener still cannot connect ({}); retrying in {} ms",
                            e.getMessage(), backoff.toMillis());
                }
                if (await(backoff)) {
                    break;
                }
                backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
            }
        }
    }

    private Connection listen() throws SQLException {
        Connection listening = dataSource.getConnection();
        try {
            listening.setAutoCommit(true);
            String previous = listening.getClientInfo("ApplicationName");
            previousApplicationName = previous == null ? "" : previous;
            setApplicationName(listening, APPLICATION_NAME);
            try (Statement statement = listening.createStatement()) {
                statement.execute("LISTEN " + JdbcUserStore.CHANGE_CHANNEL);
            }
            return listening;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(listening);
            throw e;
        }
    }

    /** Delivers notifications until the listener closes; throws when the connection fails. */
    private void pump(Connection listening) throws SQLException {
        PGConnection postgres = listening.unwrap(PGConnection.class);
        long lastHeard = System.nanoTime();
        while (!isClosing()) {
            PGNotification[] notifications = postgres.getNotifications(POLL_MILLIS);
            if (notifications != null && notifications.length > 0) {
                lastHeard = System.nanoTime();
                for (PGNotification notification : notifications) {
                    if (JdbcUserStore.CHANGE_CHANNEL.equals(notification.getName())) {
                        feed.changed(notification.getParameter());
                    }
                }
            } else if (System.nanoTime() - lastHeard > HEARTBEAT_NANOS) {
                if (!listening.isValid(HEARTBEAT_TIMEOUT_SECONDS)) {
                    throw new SQLException("the listening connection stopped answering", "08006");
                }
                lastHeard = System.nanoTime();
            }
        }
    }

    private boolean isClosing() {
        return closing.getCount() == 0;
    }

    /** Waits for the pause before a reconnection; true if the listener was closed meanwhile. */
    private boolean await(Duration pause) {
        try {
            return closing.await(pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** Stops the thread (within one poll interval) and closes its connection. */
    @Override
    public void close() {
        closing.countDown();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Names the connection in {@code pg_stat_activity}, where a driver or pool allows it. */
    private static void setApplicationName(Connection target, String name) {
        try {
            target.setClientInfo("ApplicationName", name);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Could not set the application name of the change listener connection", e);
        }
    }

    private static void closeQuietly(Connection toClose) {
        if (toClose == null) {
            return;
        }
        try {
            toClose.close();
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Closing the change listener connection failed", e);
        }
    }
}
