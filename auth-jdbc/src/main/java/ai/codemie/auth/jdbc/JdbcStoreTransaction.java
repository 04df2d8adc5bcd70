package ai.codemie.auth.jdbc;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.error.InvalidConfigurationException;
import ai.codemie.auth.store.BroadcastChangeFeed;
import ai.codemie.auth.store.InvitationRecords;
import ai.codemie.auth.store.Project;
import ai.codemie.auth.store.ProjectMembership;
import ai.codemie.auth.store.ProjectRecords;
import ai.codemie.auth.store.ProjectType;
import ai.codemie.auth.store.StoreTransaction;
import ai.codemie.auth.store.StoredUser;
import ai.codemie.auth.store.TenantRecords;
import ai.codemie.auth.store.UserPage;
import ai.codemie.auth.store.UserRecords;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;

/**
 * One store transaction on one connection. Timestamps are written and read in UTC, so that the platform's
 * {@code timestamp without time zone} columns hold UTC whatever the session's time zone.
 *
 * <p>On PostgreSQL every round trip counts (a sign-in that misses the permission cache is one transaction): the
 * isolation level is set by the transaction's first statement ({@code SET TRANSACTION}, sent with it) rather than
 * by a round trip of its own, and {@code users().lock} reads the user's memberships and knowledge bases in the same
 * round trip as the lock, for {@code projects().membershipsOf} and {@code users().knowledgeBases} to answer until
 * this transaction changes them.
 */
final class JdbcStoreTransaction implements StoreTransaction {

    private static final String SET_READ_COMMITTED = "SET TRANSACTION ISOLATION LEVEL READ COMMITTED";
    /** Sent ahead of the first statement of a PostgreSQL transaction. */
    private static final String READ_COMMITTED = SET_READ_COMMITTED + "; ";

    /** How many keys one {@code IN} list of a read holds. */
    private static final int IN_CHUNK = 500;

    private final Connection connection;
    private final StoreSql sql;
    private final Dialect dialect;
    private final Calendar utc = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    private final Set<String> changedUsers = new LinkedHashSet<>();
    private final Set<String> changedTenants = new LinkedHashSet<>();
    private final Users users = new Users();
    private final Projects projects = new Projects();
    private final JdbcTenantRecords tenants;
    private final String missingTenantTables;
    /** Whether the next statement is the first, and must set the isolation level (PostgreSQL only). */
    private boolean isolationPending;
    /** The memberships and knowledge bases read with the last lock, each null once this transaction changed any. */
    private Links locked;

    /**
     * @param setIsolation whether the first statement sets READ COMMITTED (else the caller has set it on the
     *                     connection)
     */
    JdbcStoreTransaction(Connection connection, StoreSql sql, TenantSql tenantSql, Dialect dialect,
            boolean setIsolation) {
        this.connection = connection;
        this.sql = sql;
        this.dialect = dialect;
        this.isolationPending = setIsolation;
        this.tenants = new JdbcTenantRecords(this, tenantSql);
        this.missingTenantTables = tenantSql.missingTables;
    }

    /** The tenants whose definitions this transaction changed, for in-process delivery after commit. */
    Set<String> changedTenants() {
        return changedTenants;
    }

    /** The users whose changes this transaction published, for in-process delivery after commit. */
    Set<String> changedUsers() {
        return changedUsers;
    }

    @Override
    public UserRecords users() {
        return users;
    }

    @Override
    public ProjectRecords projects() {
        return projects;
    }

    @Override
    public TenantRecords tenants() {
        requireTenantTables();
        return tenants;
    }

    @Override
    public InvitationRecords invitations() {
        requireTenantTables();
        return tenants.invitations();
    }

    /** Refuses tenant work on a schema without the tenant tables, naming the setting that asks for it. */
    private void requireTenantTables() {
        if (missingTenantTables != null) {
            throw new InvalidConfigurationException(AuthSettings.TENANTS_ENABLED.name(), missingTenantTables);
        }
    }

    @Override
    public void publishChange(String userId) {
        if (changedUsers.add(userId)) {
            notifyReplicas(userId);
        }
    }

    /**
     * {@link #publishChange} for many users, notifying in one round trip however many there are, so that a change to
     * thousands of members costs one statement more, not thousands.
     */
    void publishChanges(Collection<String> userIds) {
        List<String> fresh = new ArrayList<>();
        for (String userId : userIds) {
            if (changedUsers.add(userId)) {
                fresh.add(userId);
            }
        }
        if (fresh.size() == 1) {
            notifyReplicas(fresh.get(0));
        } else if (!fresh.isEmpty() && dialect == Dialect.POSTGRESQL) {
            query("SELECT pg_notify(?, payload) FROM unnest(?) AS payload", s -> {
                s.setString(1, JdbcUserStore.CHANGE_CHANNEL);
                s.setArray(2, connection.createArrayOf("text", fresh.toArray()));
            }, row -> null);
        }
    }

    /** Records that the tenant's definition changes with this transaction, as {@link #publishChange} does a user's. */
    void publishTenantChange(String tenantId) {
        if (changedTenants.add(tenantId)) {
            notifyReplicas(BroadcastChangeFeed.tenantPayload(tenantId));
        }
    }

    private void notifyReplicas(String payload) {
        if (dialect == Dialect.POSTGRESQL) {
            // NOTIFY inside the transaction: PostgreSQL delivers it to every listener when (and only if) it commits
            query("SELECT pg_notify(?, ?)", s -> {
                s.setString(1, JdbcUserStore.CHANGE_CHANNEL);
                s.setString(2, payload);
            }, row -> null);
        }
    }

    private final class Users implements UserRecords {

        @Override
        public Optional<StoredUser> find(String id) {
            return first(query(sql.findUser, s -> s.setString(1, id), JdbcStoreTransaction.this::user));
        }

        @Override
        public Optional<StoredUser> findByEmail(String email) {
            return first(query(sql.findUserByEmail, s -> s.setString(1, email), JdbcStoreTransaction.this::user));
        }

        @Override
        public List<StoredUser> findAll(Collection<String> ids) {
            return findIn(sql.findUsersByIdIn, new LinkedHashSet<>(ids));
        }

        @Override
        public List<StoredUser> findByEmailsIgnoringCase(Collection<String> emails) {
            Set<String> keys = new LinkedHashSet<>();
            emails.forEach(email -> keys.add(email.toLowerCase(Locale.ROOT)));
            return findIn(sql.findUsersByEmailKeyIn, keys);
        }

        /** The users the statement finds for the keys, read in chunks of {@value #IN_CHUNK} keys per query. */
        private List<StoredUser> findIn(String statementStart, Set<String> keys) {
            List<String> all = List.copyOf(keys);
            List<StoredUser> found = new ArrayList<>();
            for (int from = 0; from < all.size(); from += IN_CHUNK) {
                List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
                String statement = statementStart + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")";
                found.addAll(query(statement, s -> {
                    for (int i = 0; i < chunk.size(); i++) {
                        s.setString(i + 1, chunk.get(i));
                    }
                }, JdbcStoreTransaction.this::user));
            }
            return found;
        }

        @Override
        public Optional<StoredUser> findByUsername(String username) {
            return first(query(sql.findUserByUsername, s -> s.setString(1, username),
                    JdbcStoreTransaction.this::user));
        }

        @Override
        @SuppressWarnings("unchecked")
        public Optional<StoredUser> lock(String id) {
            if (sql.lockUserWithLinks == null) {
                return first(query(sql.lockUser, s -> s.setString(1, id), JdbcStoreTransaction.this::user));
            }
            List<List<?>> results = queries(sql.lockUserWithLinks, s -> {
                s.setString(1, id);
                s.setString(2, id);
                s.setString(3, id);
            }, JdbcStoreTransaction.this::user, JdbcStoreTransaction.this::membership, row -> row.getString(1));
            Optional<StoredUser> user = first((List<StoredUser>) results.get(0));
            locked = user.isEmpty() ? null
                    : new Links(id, (List<ProjectMembership>) results.get(1), (List<String>) results.get(2));
            return user;
        }

        @Override
        public List<StoredUser> lockUsableAdmins() {
            return query(sql.lockUsableAdmins, s -> { }, JdbcStoreTransaction.this::user);
        }

        @Override
        public List<StoredUser> lockUsableMaintainers() {
            return query(sql.lockUsableMaintainers, s -> { }, JdbcStoreTransaction.this::user);
        }

        @Override
        public List<StoredUser> list(UserPage page) {
            if (page.afterUsername() == null) {
                return query(sql.listUsers, s -> s.setInt(1, page.limit()), JdbcStoreTransaction.this::user);
            }
            return query(sql.listUsersAfter, s -> {
                s.setString(1, page.afterUsername());
                s.setInt(2, page.limit());
            }, JdbcStoreTransaction.this::user);
        }

        @Override
        public boolean insert(StoredUser user) {
            return JdbcStoreTransaction.this.insert(sql.insertUser, s -> {
                int next = bindUser(s, 1, user, user.id());
                if (sql.usersHaveEmailVerified) {
                    s.setBoolean(next++, false);
                }
                stamp(s, next, sql.usersStamped, 2);
            });
        }

        @Override
        public void update(StoredUser user) {
            int updated = JdbcStoreTransaction.this.update(sql.updateUser, s -> {
                int next = bindUser(s, 1, user, null);
                next = stamp(s, next, sql.usersStamped, 1);
                s.setString(next, user.id());
            });
            if (updated == 0) {
                throw new IllegalStateException("no user with id " + user.id() + " to update");
            }
        }

        @Override
        public List<String> knowledgeBases(String userId) {
            if (locked != null && locked.knowledgeBases() != null && locked.userId().equals(userId)) {
                return new ArrayList<>(locked.knowledgeBases());
            }
            return query(sql.knowledgeBases, s -> s.setString(1, userId), row -> row.getString(1));
        }

        @Override
        public boolean grantKnowledgeBase(String userId, String knowledgeBase) {
            forgetLocked(false, true);
            return JdbcStoreTransaction.this.insert(sql.addKnowledgeBase,
                    linkBinder(sql.knowledgeBasesStamped, userId, knowledgeBase));
        }

        @Override
        public void grantKnowledgeBases(String userId, Collection<String> knowledgeBases) {
            forgetLocked(false, true);
            insertLinks(sql.addKnowledgeBase, sql.knowledgeBasesStamped,
                    knowledgeBases.stream().map(name -> new Object[] {userId, name}).toList());
        }

        @Override
        public boolean revokeKnowledgeBase(String userId, String knowledgeBase) {
            forgetLocked(false, true);
            return deleteLink(sql.revokeKnowledgeBase, userId, knowledgeBase);
        }
    }

    private final class Projects implements ProjectRecords {

        @Override
        public Optional<Project> find(String name) {
            return first(query(sql.findProject, s -> s.setString(1, name), row -> new Project(row.getString(1),
                    ProjectType.fromValue(row.getString(2)), row.getString(3), instant(row, 4), row.getString(5))));
        }

        @Override
        public boolean insert(Project project) {
            return JdbcStoreTransaction.this.insert(sql.insertProject, s -> {
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
        public List<ProjectMembership> membershipsOf(String userId) {
            if (locked != null && locked.memberships() != null && locked.userId().equals(userId)) {
                return new ArrayList<>(locked.memberships());
            }
            return query(sql.memberships, s -> s.setString(1, userId), JdbcStoreTransaction.this::membership);
        }

        @Override
        public List<ProjectMembership> members(String project) {
            return query(sql.projectMembers, s -> s.setString(1, project), JdbcStoreTransaction.this::membership);
        }

        @Override
        public boolean addMember(ProjectMembership membership) {
            forgetLocked(true, false);
            return JdbcStoreTransaction.this.insert(sql.addMembership, linkBinder(sql.membershipsStamped,
                    membership.userId(), membership.project(), membership.projectAdmin()));
        }

        @Override
        public void addMembers(Collection<ProjectMembership> memberships) {
            forgetLocked(true, false);
            insertLinks(sql.addMembership, sql.membershipsStamped, memberships.stream()
                    .map(m -> new Object[] {m.userId(), m.project(), m.projectAdmin()}).toList());
        }

        @Override
        public boolean removeMember(String userId, String project) {
            forgetLocked(true, false);
            return deleteLink(sql.removeMembership, userId, project);
        }

        @Override
        public int countSharedMemberships(String userId) {
            return count(sql.countSharedMemberships, userId);
        }

        @Override
        public int countCreatedShared(String userId) {
            return count(sql.countCreatedSharedProjects, userId);
        }
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

    /** Binds a row of a user link table: a fresh insertion-ordered id, the values, then the timestamps. */
    private Binder linkBinder(boolean stamped, Object... values) {
        return s -> {
            s.setString(1, TimeOrderedIds.next());
            for (int i = 0; i < values.length; i++) {
                s.setObject(2 + i, values[i]);
            }
            stamp(s, 2 + values.length, stamped, 2);
        };
    }

    /**
     * Inserts rows of a user link table in order, skipping duplicates. PostgreSQL gets one batch (its inserts skip
     * duplicates in the statement); H2, embedded and without round trips to save, inserts row by row, catching each
     * duplicate.
     */
    private void insertLinks(String statement, boolean stamped, List<Object[]> rows) {
        if (dialect != Dialect.POSTGRESQL) {
            rows.forEach(values -> insert(statement, linkBinder(stamped, values)));
            return;
        }
        if (rows.isEmpty()) {
            return;
        }
        setIsolationAlone();
        try (PreparedStatement s = connection.prepareStatement(statement)) {
            for (Object[] values : rows) {
                linkBinder(stamped, values).bind(s);
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw SqlFailures.of(e);
        }
    }

    /** Deletes the row of a user link table that links the user to the name; true if there was one. */
    private boolean deleteLink(String statement, String userId, String name) {
        return update(statement, s -> {
            s.setString(1, userId);
            s.setString(2, name);
        }) > 0;
    }

    // ---- mapping

    private StoredUser user(ResultSet row) throws SQLException {
        int limit = row.getInt(11);
        Integer projectLimit = row.wasNull() ? null : limit;
        return StoredUser.builder(row.getString(1), row.getString(2))
                .email(row.getString(3))
                .name(row.getString(4))
                .picture(row.getString(5))
                .userType(row.getString(6))
                .active(row.getBoolean(7))
                .deletedAt(instant(row, 8))
                .admin(row.getBoolean(9))
                .maintainer(row.getBoolean(10))
                .projectLimit(projectLimit)
                .authSource(row.getString(12))
                .lastLoginAt(instant(row, 13))
                .build();
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

    void setInstant(PreparedStatement s, int index, Instant value) throws SQLException {
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
    <T> List<T> query(String statement, Binder binder, RowMapper<T> mapper) {
        return (List<T>) queries(statement, binder, mapper).get(0);
    }

    /** Runs the statements (one, or several separated by {@code ;}) in one round trip; the rows of each, mapped. */
    List<List<?>> queries(String statement, Binder binder, RowMapper<?>... mappers) {
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

    int update(String statement, Binder binder) {
        try {
            return execute(statement, binder);
        } catch (SQLException e) {
            throw SqlFailures.of(e);
        }
    }

    /** Runs the statement once for each row of values, as one batch. */
    void batch(String statement, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        setIsolationAlone();
        try (PreparedStatement s = connection.prepareStatement(statement)) {
            for (Object[] values : rows) {
                for (int i = 0; i < values.length; i++) {
                    s.setObject(1 + i, values[i]);
                }
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw SqlFailures.of(e);
        }
    }

    /** Runs an insert that skips duplicates; true if a row was inserted. */
    boolean insert(String statement, Binder binder) {
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

    /**
     * Sets the isolation level by a statement of its own if nothing has yet: a batch cannot carry the SET ahead of
     * it, so the rare transaction that starts with one pays a round trip.
     */
    private void setIsolationAlone() {
        if (takeIsolation()) {
            update(SET_READ_COMMITTED, s -> { });
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

    static <T> Optional<T> first(List<T> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }
}
