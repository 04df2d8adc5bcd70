package ai.codemie.auth.jdbc;

import ai.codemie.auth.config.AuthSettings;
import static ai.codemie.auth.jdbc.PlatformReplica.developer;
import static ai.codemie.auth.store.UserStoreContract.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import ai.codemie.auth.LogCapture;
import ai.codemie.auth.error.AuthenticationException;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.model.PermissionPattern;
import ai.codemie.auth.policy.Requirements;
import ai.codemie.auth.resolve.PlatformFixture;
import ai.codemie.auth.resolve.PlatformManagedResolver;
import ai.codemie.auth.store.StoreTransaction;
import ai.codemie.auth.store.StoredRole;
import ai.codemie.auth.store.Tenant;
import ai.codemie.auth.store.UserStoreContract.RecordingListener;
import ai.codemie.auth.token.VerifiedToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Finding 4, writes from outside the library stay invisible: the platform's own backend writes the shared tables
 * directly and announces nothing. With the change triggers installed such a write reaches every replica like the
 * library's own; without them a replica sees it when its cached entry expires, after the default time to live.
 */
class OutsideWritesOnPostgresTest {

    /** How long a poll waits before the test fails; generous, as the machine is shared. Never a pass criterion. */
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @Test
    void aDirectSqlDeactivationReachesBothReplicasThroughTheChangeTriggers() throws Exception {
        try (PostgresDatabase database = PostgresDatabase.create("outside_writes").withPlatformSchema();
             PlatformReplica replicaA = replica(database, "replica-a", true);
             PlatformReplica replicaB = replica(database, "replica-b", true)) {
            List<Long> latencies = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                String userId = newId();
                VerifiedToken token = developer(userId, "outsider-" + round);
                cacheBoth(replicaA, replicaB, token);

                database.execute("UPDATE codemie.users SET is_active = false WHERE id = '" + userId + "'");
                long committed = System.nanoTime();

                latencies.add(replicaA.awaitAnswer(token, Optional::isEmpty, committed, DEADLINE));
                latencies.add(replicaB.awaitAnswer(token, Optional::isEmpty, committed, DEADLINE));
            }
            report("direct SQL deactivation (UPDATE codemie.users SET is_active=false) seen as 401 by two replicas",
                    latencies);
        }
    }

    @Test
    void directSqlChangesToMembershipsAndGrantsReachTheReplicasThroughTheChangeTriggers() throws Exception {
        try (PostgresDatabase database = PostgresDatabase.create("outside_links").withPlatformSchema();
             PlatformReplica replicaA = replica(database, "replica-a", true);
             PlatformReplica replicaB = replica(database, "replica-b", true)) {
            String userId = newId();
            VerifiedToken token = developer(userId, "linked");
            cacheBoth(replicaA, replicaB, token);

            database.execute("INSERT INTO codemie.user_projects (id, date, update_date, user_id, project_name,"
                    + " is_project_admin) VALUES ('" + newId() + "', now(), now(), '" + userId + "', 'granted', true)");
            long committed = System.nanoTime();
            Predicate<Optional<EffectivePermissions>> granted =
                    p -> p.orElseThrow().adminProjects().contains("granted");
            replicaA.awaitAnswer(token, granted, committed, DEADLINE);
            replicaB.awaitAnswer(token, granted, committed, DEADLINE);

            database.execute("INSERT INTO codemie.user_knowledge_bases (id, user_id, kb_name) VALUES ('" + newId()
                    + "', '" + userId + "', 'kb-outside')");
            committed = System.nanoTime();
            replicaB.awaitAnswer(token, p -> p.orElseThrow().knowledgeBases().contains("kb-outside"), committed,
                    DEADLINE);

            database.execute("DELETE FROM codemie.user_projects WHERE user_id = '" + userId + "'");
            committed = System.nanoTime();
            replicaA.awaitAnswer(token, p -> p.orElseThrow().projects().isEmpty(), committed, DEADLINE);
        }
    }

    @Test
    void withoutTheTriggersADirectSqlDeactivationIsSeenWhenTheDefaultTimeToLiveEnds() throws Exception {
        try (PostgresDatabase database = PostgresDatabase.create("outside_ttl").withPlatformSchema();
             JdbcUserStore store = JdbcUserStore.create(database.dataSource())) {
            PlatformFixture.ManualTicker ticker = new PlatformFixture.ManualTicker();
            Duration ttl = PlatformReplica.SETTINGS.get(AuthSettings.PERMISSION_CACHE_TTL_SECONDS);
            try (PlatformManagedResolver resolver = PlatformFixture.resolver(PlatformReplica.SETTINGS, store, ticker)) {
                String userId = newId();
                VerifiedToken token = developer(userId, "stale");
                resolver.resolve(token);

                database.execute("UPDATE codemie.users SET is_active = false WHERE id = '" + userId + "'");
                // what the listener would have delivered has arrived by now: a marker sent later is heard here
                try (Notifications notifications = Notifications.listen(database)) {
                    assertThat(notifications.untilMarker(database)).isEmpty();
                }

                ticker.advance(ttl.minusNanos(1));
                assertThat(resolver.resolve(token).id()).as("stale, within the documented bound").isEqualTo(userId);
                ticker.advance(Duration.ofNanos(1));
                assertThatThrownBy(() -> resolver.resolve(token)).isInstanceOfSatisfying(AuthenticationException.class,
                        e -> assertThat(e.problem().reason()).isEqualTo("account_deactivated"));
            }
            assertThat(ttl).isLessThanOrEqualTo(Duration.ofSeconds(30));
        }
    }

    @Test
    void theLibrarysOwnWritesAreAnnouncedOnceAndSignInsNotAtAll() throws Exception {
        try (PostgresDatabase database = PostgresDatabase.create("outside_storm").withPlatformSchema();
             PlatformReplica replica = replica(database, "replica", true);
             Notifications notifications = Notifications.listen(database)) {
            EffectivePermissions maintainer = replica.maintainer();
            String userId = newId();
            VerifiedToken token = developer(userId, "quiet", "applications", "proj-a,proj-b", "knowledge_bases",
                    "kb-1");
            replica.signIn(token);
            assertThat(notifications.untilMarker(database)).as("a first login: one notification for its writes")
                    .containsExactly(maintainer.id(), userId);

            replica.resolver.changeListener().userChanged(userId); // a cache miss: the next sign-in writes its row
            replica.signIn(token);
            assertThat(notifications.untilMarker(database)).as("a sign-in writes only last_login_at").isEmpty();

            replica.administration.createSharedProject(maintainer, "proj-c", "Announced once");
            replica.administration.assignMember(maintainer, "proj-c", userId, true);
            replica.administration.deactivateUser(maintainer, userId);
            assertThat(notifications.untilMarker(database)).as("one per transaction, trigger and library together")
                    .containsExactly(maintainer.id(), userId, userId);

            database.execute("UPDATE codemie.applications SET deleted_at = now() WHERE name = 'proj-a'");
            assertThat(notifications.untilMarker(database)).as("a project's change: each member")
                    .containsExactly(userId);
        }
    }

    @Test
    void theTriggersAreInstalledOnceAndAStartupWithThemInPlaceChangesNothing() throws Exception {
        String triggers = "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname";
        try (PostgresDatabase database = PostgresDatabase.create("outside_install").withPlatformSchema()) {
            try (LogCapture log = LogCapture.start()) {
                JdbcUserStore.builder(database.dataSource()).installChangeTriggers(true).build().close();
                assertThat(log.lines("Change triggers are in place on schema codemie")).hasSize(1);
            }
            List<String> installed = query(database, triggers);
            assertThat(installed).hasSize(8).allMatch(name -> name.startsWith("codemie_auth_"));

            JdbcUserStore.builder(database.dataSource()).installChangeTriggers(true).build().close();
            JdbcUserStore.create(database.dataSource()).close();

            assertThat(query(database, triggers)).isEqualTo(installed);
        }
    }

    @Test
    void theOperatorsScriptIsTheOneTheStoreRunsAndNotifiesOnTheStoresChannel() throws Exception {
        String script = resource("/ai/codemie/auth/jdbc/" + SchemaManager.CHANGE_TRIGGERS);
        assertThat(script).contains("pg_notify('" + JdbcUserStore.CHANGE_CHANNEL + "'");

        try (PostgresDatabase database = PostgresDatabase.create("outside_script").withPlatformSchema()) {
            // as an operator runs it, with psql's own handling of the dollar-quoted bodies
            Process psql = new ProcessBuilder("psql", "-h", PostgresDatabase.HOST, "-U", PostgresDatabase.USER,
                    "-d", database.name(), "-v", "ON_ERROR_STOP=1", "-q").redirectErrorStream(true).start();
            try (var in = psql.getOutputStream()) {
                in.write(script.replace("${schema}", "codemie").getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(psql.waitFor()).as(output).isZero();

            try (PlatformReplica replica = replica(database, "replica", false);
                 Notifications notifications = Notifications.listen(database)) {
                String userId = newId();
                replica.signIn(developer(userId, "scripted"));
                notifications.untilMarker(database);
                database.execute("UPDATE codemie.users SET is_admin = true WHERE id = '" + userId + "'");
                assertThat(notifications.untilMarker(database)).containsExactly(userId);
            }
        }
    }

    @Test
    void onH2TheSwitchIsIgnoredWithAWarning() {
        try (LogCapture log = LogCapture.start();
             JdbcUserStore store = JdbcUserStore.builder(DriverDataSources.h2(
                     "jdbc:h2:mem:outside_h2;DB_CLOSE_DELAY=-1", null, null)).installChangeTriggers(true).build()) {
            assertThat(log.lines("CODEMIE_AUTH_JDBC_INSTALL_TRIGGERS=true is ignored on H2")).hasSize(1);
            assertThat(store.inTransaction((StoreTransaction tx) -> tx.users().find(newId()))).isEmpty();
        }
    }

    // ---- helpers

    @Test
    void directSqlWritesToTheTenantTablesReachTheReplicasThroughTheChangeTriggers() throws Exception {
        try (PostgresDatabase database = PostgresDatabase.create("outside_tenants").withPlatformSchema();
             PlatformReplica replicaA = tenantReplica(database, "replica-a");
             PlatformReplica replicaB = tenantReplica(database, "replica-b")) {
            String userId = newId();
            VerifiedToken token = developer(userId, "tenant-member");
            RecordingListener heardOnA = new RecordingListener();
            RecordingListener heardOnB = new RecordingListener();
            try (AutoCloseable a = replicaA.store.changeFeed().subscribe(heardOnA);
                 AutoCloseable b = replicaB.store.changeFeed().subscribe(heardOnB)) {
                replicaA.store.inTransaction(tx -> {
                    tx.tenants().insert(Tenant.of("acme", PermissionPattern.parseAll(List.of("kb:*"))));
                    tx.tenants().insertRole(new StoredRole("acme", "reader", "", PermissionPattern.parseAll(
                            List.of("kb:read"))));
                    return tx.tenants().addRoles("acme", userId, List.of("reader"));
                });
                // the set-up is announced last by the database (A also hears it in process first): once heard,
                // nothing pending can drop what is cached next
                heardOnA.awaitEvent(userId);
                heardOnA.awaitEvent(userId);
                heardOnB.awaitEvent(userId);
            }
            cacheBoth(replicaA, replicaB, token);
            Predicate<Optional<EffectivePermissions>> reads = p -> Requirements.tenantPermission("acme", "kb:read")
                    .check(p.orElseThrow()).allowed();
            assertThat(reads.test(replicaA.signIn(token))).isTrue();
            assertThat(reads.test(replicaB.signIn(token))).isTrue();

            database.execute("UPDATE codemie.codemie_auth_tenant_roles SET patterns = 'kb:write'");
            long edited = System.nanoTime();
            List<Long> latencies = new ArrayList<>();
            latencies.add(replicaA.awaitAnswer(token, reads.negate(), edited, DEADLINE));
            latencies.add(replicaB.awaitAnswer(token, reads.negate(), edited, DEADLINE));

            database.execute("DELETE FROM codemie.codemie_auth_tenant_members WHERE user_id = '" + userId + "'");
            long removed = System.nanoTime();
            Predicate<Optional<EffectivePermissions>> noTenant = p -> p.orElseThrow().tenants().isEmpty();
            latencies.add(replicaA.awaitAnswer(token, noTenant, removed, DEADLINE));
            latencies.add(replicaB.awaitAnswer(token, noTenant, removed, DEADLINE));
            report("direct SQL role edit and membership removal seen by two replicas' tenant decisions", latencies);
        }
    }

    private static PlatformReplica tenantReplica(PostgresDatabase database, String name) {
        var pool = database.pool(name, 4);
        return new PlatformReplica(JdbcUserStore.builder(pool).createTenantTables(true).installChangeTriggers(true)
                .build(), true, pool);
    }

    private static PlatformReplica replica(PostgresDatabase database, String name, boolean triggers) {
        return PlatformReplica.onPool(database, name, 4, false, builder -> builder.installChangeTriggers(triggers));
    }

    /** Signs the user in for the first time, then on both replicas until each answers from its cache. */
    private static void cacheBoth(PlatformReplica replicaA, PlatformReplica replicaB, VerifiedToken token)
            throws Exception {
        RecordingListener heardOnA = new RecordingListener();
        RecordingListener heardOnB = new RecordingListener();
        try (AutoCloseable a = replicaA.store.changeFeed().subscribe(heardOnA);
             AutoCloseable b = replicaB.store.changeFeed().subscribe(heardOnB)) {
            replicaA.signIn(token).orElseThrow();
            // the first login's writes are announced too: once heard, nothing pending can drop what is cached next
            heardOnA.awaitEvent(token.subject());
            heardOnB.awaitEvent(token.subject());
        }
        for (PlatformReplica replica : List.of(replicaA, replicaB)) {
            replica.signIn(token).orElseThrow();
            long transactions = replica.resolverTransactions();
            replica.signIn(token).orElseThrow();
            assertThat(replica.resolverTransactions()).as("answered from the cache, a sign-in announced nothing")
                    .isEqualTo(transactions);
        }
    }

    private static void report(String what, List<Long> latencies) {
        Collections.sort(latencies);
        System.out.printf("%s, over %d observations: median %.1f ms, max %.1f ms%n", what, latencies.size(),
                latencies.get(latencies.size() / 2) / 1e6, latencies.get(latencies.size() - 1) / 1e6);
    }

    private static List<String> query(PostgresDatabase database, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             var result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    private static String resource(String path) {
        try (InputStream in = Objects.requireNonNull(OutsideWritesOnPostgresTest.class.getResourceAsStream(path))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A connection listening on the store's channel, as a replica's listener does. */
    private static final class Notifications implements AutoCloseable {
        private static final String MARKER = "marker";
        private final Connection connection;

        private Notifications(Connection connection) {
            this.connection = connection;
        }

        static Notifications listen(PostgresDatabase database) throws SQLException {
            Connection connection = database.dataSource().getConnection();
            try (Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + JdbcUserStore.CHANGE_CHANNEL);
            }
            return new Notifications(connection);
        }

        /**
         * The payloads heard until a marker sent now arrives: PostgreSQL delivers notifications in commit order, so
         * everything committed before has been heard by then, without waiting for a time.
         */
        List<String> untilMarker(PostgresDatabase database) throws SQLException {
            try (Connection sender = database.dataSource().getConnection();
                 PreparedStatement notify = sender.prepareStatement("SELECT pg_notify(?, ?)")) {
                notify.setString(1, JdbcUserStore.CHANGE_CHANNEL);
                notify.setString(2, MARKER);
                notify.execute();
            }
            List<String> heard = new ArrayList<>();
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (System.nanoTime() - deadline < 0) {
                PGNotification[] batch = connection.unwrap(PGConnection.class).getNotifications(100);
                for (PGNotification notification : batch == null ? new PGNotification[0] : batch) {
                    if (notification.getParameter().equals(MARKER)) {
                        return heard;
                    }
                    heard.add(notification.getParameter());
                }
            }
            return fail("the marker did not arrive within %s", DEADLINE);
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }
}
