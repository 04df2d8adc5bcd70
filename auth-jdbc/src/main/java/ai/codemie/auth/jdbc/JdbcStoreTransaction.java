package ai.codemie.auth.jdbc;

import ai.codemie.auth.store.Project;
import ai.codemie.auth.store.ProjectMembership;
import ai.codemie.auth.store.ProjectType;
import ai.codemie.auth.store.StoreTransaction;
import ai.codemie.auth.store.StoredUser;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;

/**
 * One store transaction on one connection. Timestamps are written and read in UTC, so that the platform's
 * {@code timestamp without time zone} columns hold UTC whatever the session's time zone.
 *
 * <p>On PostgreSQL every round trip counts (a sign-in that misses the permission cache is one transaction): the
 * isolation level is set by the transaction's first statement ({@code SET TRANSACTION}, sent with it) rather than
 * by a round trip of its own, and {@link #lockUser} reads the user's memberships and knowledge bases in the same
 * round trip as the lock, for {@link #memberships} and {@link #knowledgeBases} to answer until this transaction
 * changes them.
 */
final class JdbcStoreTransaction implements StoreTransaction {

    /** Sent ahead of the first statement of a PostgreSQL transaction. */
    private static final String READ_COMMITTED = "SET TRANSACTION ISOLATION LEVEL READ COMMITTED; ";

    private final Connection connection;
    private final StoreSql sql;
    private final Dialect dialect;
    private final Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    private final Set<String> changedUsers = new LinkedHashSet<>();
    /** Whether the next statement is the first, and must set the isolation level (PostgreSQL only). */
    private boolean isolationPending;
    /** The memberships and knowledge bases read with the last lock, each null once this transaction changed any. */
    private Links locked;

    /**
     * @param setIsolation whether the first statement sets READ COMMITTED (else the caller has set it on the
     *                     connection)
     */
    JdbcStoreTransaction(Connection connection, StoreSql sql, Dialect dialect, boolean setIsolation) {
        this.connection = connection;
        this.sql = sql;
        this.dialect = dialect;
        this.isolationPending = setIsolation;
    }

    /** The users whose changes this transaction published, for in-process delivery after commit. */
    Set<String> changedUsers() {
        return changedUsers;
    }

    @Override
    public Optional<StoredUser> findUser(String id) {
        return first(query(sql.findUser, s -> s.setString(1, id), this::user));
    }

    @Override
    public Optional<StoredUser> findUserByEmail(String email) {
        return first(query(sql.findUserByEmail, s -> s.setString(1, email), this::user));
    }

    @Override
    public Optional<StoredUser> findUserByUsername(String username) {
        return first(query(sql.findUserByUsername, s -> s.setString(1, username), this::user));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<StoredUser> lockUser(String id) {
        if (sql.lockUserWithLinks == null) {
            return first(query(sql.lockUser, s -> s.setString(1, id), this::user));
        }
        List<List<?>> results = queries(sql.lockUserWithLinks, s -> {
            s.setString(1, id);
            s.setString(2, id);
            s.setString(3, id);
        }, this::user, this::membership, row -> row.getString(1));
        Optional<StoredUser> user = first((List<StoredUser>) results.get(0));
        locked = user.isEmpty() ? null
                : new Links(id, (List<ProjectMembership>) results.get(1), (List<String>) results.get(2));
        return user;
    }

    @Override
    public List<StoredUser> lockUsableAdmins() {
        return query(sql.lockUsableAdmins, s -> { }, this::user);
    }

    @Override
    public List<StoredUser> lockUsableMaintainers() {
        return query(sql.lockUsableMaintainers, s -> { }, this::user);
    }

    @Override
    public List<StoredUser> listUsers() {
        return query(sql.listUsers, s -> { }, this::user);
    }

    @Override
    public boolean insertUser(StoredUser user) {
        return insert(sql.insertUser, s -> {
            int next = bindUser(s, 1, user, user.id());
            if (sql.usersHaveEmailVerified) {
                s.setBoolean(next++, false);
            }
            stamp(s, next, sql.usersStamped, 2);
        });
    }

    @Override
    public void updateUser(StoredUser user) {
        int updated = update(sql.updateUser, s -> {
            int next = bindUser(s, 1, user, null);
            next = stamp(s, next, sql.usersStamped, 1);
            s.setString(next, user.id());
        });
        if (updated == 0) {
            throw new IllegalStateException("no user with id " + user.id() + " to update");
        }
    }

    @Override
    public List<ProjectMembership> memberships(String userId) {
        if (locked != null && locked.memberships() != null && locked.userId().equals(userId)) {
            return new ArrayList<>(locked.memberships());
        }
        return query(sql.memberships, s -> s.setString(1, userId), this::membership);
    }

    @Override
    public List<ProjectMembership> projectMembers(String project) {
        return query(sql.projectMembers, s -> s.setString(1, project), this::membership);
    }

    @Override
    public boolean addMembership(ProjectMembership membership) {
        forgetLocked(true, false);
        return insertLink(sql.addMembership, sql.membershipsStamped, membership.userId(), membership.project(),
                membership.projectAdmin());
    }

    @Override
    public boolean removeMembership(String userId, String project) {
        forgetLocked(true, false);
        return deleteLink(sql.removeMembership, userId, project);
    }

    @Override
    public List<String> knowledgeBases(String userId) {
        if (locked != null && locked.knowledgeBases() != null && locked.userId().equals(userId)) {
            return new ArrayList<>(locked.knowledgeBases());
        }
        return query(sql.knowledgeBases, s -> s.setString(1, userId), row -> row.getString(1));
    }

    @Override
    public boolean addKnowledgeBase(String userId, String knowledgeBase) {
        forgetLocked(false, true);
        return insertLink(sql.addKnowledgeBase, sql.knowledgeBasesStamped, userId, knowledgeBase);
    }

    @Override
    public boolean revokeKnowledgeBase(String userId, String knowledgeBase) {
        forgetLocked(false, true);
        return deleteLink(sql.revokeKnowledgeBase, userId, knowledgeBase);
    }

    @Override
    public Optional<Project> findProject(String name) {
        return first(query(sql.findProject, s -> s.setString(1, name), row -> new Project(row.getString(1),
                ProjectType.fromValue(row.getString(2)), row.getString(3), instant(row, 4), row.getString(5))));
    }

    @Override
    public boolean insertProject(Project project) {
        return insert(sql.insertProject, s -> {
            s.setString(1, project.name());
            s.setString(2, project.name());
            s.setString(3, project.type().value());
            s.setString(4, project.createdBy());
            setInstant(s, 5, project.deletedAt());
            s.setString(6, project.description());
            stamp(s, 7, sql.projectsStamped, 2);
        });
    }

    @Override
    public int countSharedMemberships(String userId) {
        return count(sql.countSharedMemberships, userId);
    }

    @Override
    public int countCreatedSharedProjects(String userId) {
        return count(sql.countCreatedSharedProjects, userId);
    }

    @Override
    public void publishChange(String userId) {
        if (changedUsers.add(userId) && dialect == Dialect.POSTGRESQL) {
            // NOTIFY inside the transaction: PostgreSQL delivers it to every listener when (and only if) it commits
            query("SELECT pg_notify(?, ?)", s -> {
                s.setString(1, JdbcUserStore.CHANGE_CHANNEL);
                s.setString(2, userId);
            }, row -> null);
        }
    }

    /** Inserts a row of a user link table: a fresh insertion-ordered id, the values, then the timestamps. */
    private boolean insertLink(String statement, boolean stamped, Object... values) {
        return insert(statement, s -> {
            s.setString(1, TimeOrderedIds.next());
            for (int i = 0; i < values.length; i++) {
                s.setObject(2 + i, values[i]);
            }
            stamp(s, 2 + values.length, stamped, 2);
        });
    }

    /** Deletes the row of a user link table that links the user to the name; true if there was one. */
    private boolean deleteLink(String statement, String userId, String name) {
        return update(statement, s -> {
            s.setString(1, userId);
            s.setString(2, name);
        }) > 0;
    }

    /** Drops what the last lock read of the tables this transaction is about to change. */
    private void forgetLocked(boolean memberships, boolean knowledgeBases) {
        if (locked != null) {
            locked = new Links(locked.userId(), memberships ? null : locked.memberships(),
                    knowledgeBases ? null : locked.knowledgeBases());
        }
    }

    /** A locked user's memberships and knowledge bases as read with the lock; null where since changed. */
    private record Links(String userId, List<ProjectMembership> memberships, List<String> knowledgeBases) {
    }

    // ---- mapping

    private StoredUser user(ResultSet row) throws SQLException {
        int limit = row.getInt(11);
        Integer projectLimit = row.wasNull() ? null : limit;
        return new StoredUser(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), row.getString(6), row.getBoolean(7), instant(row, 8), row.getBoolean(9),
                row.getBoolean(10), projectLimit, row.getString(12), instant(row, 13));
    }

    private ProjectMembership membership(ResultSet row) throws SQLException {
        return new ProjectMembership(row.getString(1), row.getString(2), row.getBoolean(3));
    }

    /** Binds the user's columns in {@link StoreSql#USER_COLUMNS} order, starting with the id unless it is null. */
    private int bindUser(PreparedStatement s, int first, StoredUser user, String id) throws SQLException {
        int next = first;
        if (id != null) {
            s.setString(next++, id);
        }
        s.setString(next++, user.username());
        s.setString(next++, user.email());
        s.setString(next++, user.name());
        s.setString(next++, user.picture());
        s.setString(next++, user.userType());
        s.setBoolean(next++, user.active());
        setInstant(s, next++, user.deletedAt());
        s.setBoolean(next++, user.admin());
        s.setBoolean(next++, user.maintainer());
        if (user.projectLimit() == null) {
            s.setNull(next++, Types.INTEGER);
        } else {
            s.setInt(next++, user.projectLimit());
        }
        s.setString(next++, user.authSource());
        setInstant(s, next++, user.lastLoginAt());
        return next;
    }

    /** Sets {@code count} timestamp columns to now when the table has them; returns the next parameter index. */
    private int stamp(PreparedStatement s, int first, boolean stamped, int count) throws SQLException {
        if (!stamped) {
            return first;
        }
        Instant now = Instant.now();
        for (int i = 0; i < count; i++) {
            setInstant(s, first + i, now);
        }
        return first + count;
    }

    private void setInstant(PreparedStatement s, int index, Instant value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.TIMESTAMP);
        } else {
            s.setTimestamp(index, Timestamp.from(value), utc);
        }
    }

    private Instant instant(ResultSet row, int index) throws SQLException {
        Timestamp value = row.getTimestamp(index, utc);
        return value == null ? null : value.toInstant();
    }

    // ---- execution

    @SuppressWarnings("unchecked")
    private <T> List<T> query(String statement, Binder binder, RowMapper<T> mapper) {
        return (List<T>) queries(statement, binder, mapper).get(0);
    }

    /** Runs the statements (one, or several separated by {@code ;}) in one round trip; the rows of each, mapped. */
    private List<List<?>> queries(String statement, Binder binder, RowMapper<?>... mappers) {
        boolean setIsolation = takeIsolation();
        try (PreparedStatement s = connection.prepareStatement(setIsolation ? READ_COMMITTED + statement : statement)) {
            binder.bind(s);
            boolean rows = s.execute();
            if (setIsolation) {
                rows = s.getMoreResults(); // past the SET, which has no rows
            }
            List<List<?>> results = new ArrayList<>(mappers.length);
            for (RowMapper<?> mapper : mappers) {
                if (!results.isEmpty()) {
                    rows = s.getMoreResults();
                }
                if (!rows) {
                    throw new IllegalStateException("a store query returned no rows: " + statement);
                }
                try (ResultSet resultSet = s.getResultSet()) {
                    List<Object> result = new ArrayList<>();
                    while (resultSet.next()) {
                        result.add(mapper.map(resultSet));
                    }
                    results.add(result);
                }
            }
            return results;
        } catch (SQLException e) {
            throw SqlFailures.of(e);
        }
    }

    private int update(String statement, Binder binder) {
        try {
            return execute(statement, binder);
        } catch (SQLException e) {
            throw SqlFailures.of(e);
        }
    }

    /** Runs an insert that skips duplicates; true if a row was inserted. */
    private boolean insert(String statement, Binder binder) {
        try {
            return execute(statement, binder) == 1;
        } catch (SQLException e) {
            if (dialect.isDuplicate(e)) {
                return false;
            }
            throw SqlFailures.of(e);
        }
    }

    /** Runs a statement that changes rows; the number changed. */
    private int execute(String statement, Binder binder) throws SQLException {
        boolean setIsolation = takeIsolation();
        try (PreparedStatement s = connection.prepareStatement(setIsolation ? READ_COMMITTED + statement : statement)) {
            binder.bind(s);
            s.execute();
            if (setIsolation) {
                s.getMoreResults(); // past the SET, which changes no rows
            }
            return s.getUpdateCount();
        }
    }

    /** Whether this statement is the transaction's first and must set its isolation level; true once. */
    private boolean takeIsolation() {
        boolean first = isolationPending;
        isolationPending = false;
        return first;
    }

    private int count(String statement, String userId) {
        return query(statement, s -> s.setString(1, userId), row -> row.getInt(1)).get(0);
    }

    private static <T> Optional<T> first(List<T> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }
}
