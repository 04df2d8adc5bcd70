package ai.codemie.auth.jdbc;

import static ai.codemie.auth.resolve.PlatformFixture.CLOCK;
import static ai.codemie.auth.resolve.PlatformFixture.developer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.error.InvalidConfigurationException;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.resolve.PermissionResolver;
import ai.codemie.auth.resolve.PermissionResolvers;
import ai.codemie.auth.resolve.PlatformFixture;
import ai.codemie.auth.resolve.PlatformManagedResolver;
import ai.codemie.auth.store.StoreTransaction;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The tenant tables and the tenants setting on PostgreSQL with the platform's schema: a store without the tables
 * serves tenants off and never creates or reads them, refuses tenants on at startup naming the setting, gets them from
 * the settings, and a sign-in with tenants on costs one round trip more than without.
 */
class TenantTablesOnPostgresTest {

    private static final AuthSettings OFF = PlatformFixture.settings();
    private static final AuthSettings ON = PlatformFixture.settings(b -> b.set(AuthSettings.TENANTS_ENABLED, true));
    private static final String LIBRARY_TABLES = "SELECT table_name FROM information_schema.tables"
            + " WHERE table_schema = 'codemie' AND table_name LIKE 'codemie_auth%'";

    @Test
    void withTenantsOffAStoreWithoutTenantTablesSignsInAndCreatesNone() throws Exception {
        try (PostgresDatabase database = PostgresDatabase.create("tenants_off").withPlatformSchema();
             JdbcUserStore store = JdbcUserStore.builder(database.dataSource()).settings(OFF).build();
             PlatformManagedResolver resolver = start(OFF, store)) {
            String ada = UUID.randomUUID().toString();

            EffectivePermissions signedIn = resolver.resolve(developer(ada, "applications", "proj-a"));
            EffectivePermissions again = resolver.resolve(developer(ada, "name", "Ada L."));

            assertThat(signedIn.projects()).containsExactlyInAnyOrder("proj-a");
            assertThat(again.tenants()).isEmpty();
            assertThat(database.rows(LIBRARY_TABLES)).isEmpty();
        }
    }

    @Test
    void withTenantsOnAStoreWithoutTenantTablesStopsStartupNamingTheSetting() throws Exception {
        try (PostgresDatabase database = PostgresDatabase.create("tenants_missing").withPlatformSchema();
             JdbcUserStore store = JdbcUserStore.create(database.dataSource())) {

            assertThatThrownBy(() -> PermissionResolvers.forMode(ON, () -> store, CLOCK))
                    .isInstanceOfSatisfying(InvalidConfigurationException.class,
                            e -> assertThat(e.setting()).isEqualTo("CODEMIE_AUTH_TENANTS_ENABLED"))
                    .hasMessageContaining("has no tenant tables")
                    .hasMessageContaining("createTenantTables(true)");
            assertThat(database.rows(LIBRARY_TABLES)).isEmpty();
        }
    }

    @Test
    void theTenantsSettingGivesTheStoreItsTenantTablesAndTheDefaultTenant() throws Exception {
        try (PostgresDatabase database = PostgresDatabase.create("tenants_on").withPlatformSchema();
             JdbcUserStore store = JdbcUserStore.builder(database.dataSource()).settings(ON).build();
             PlatformManagedResolver resolver = start(ON, store)) {

            assertThat(database.rows(LIBRARY_TABLES)).hasSize(7);
            assertThat(store.inTransaction((StoreTransaction tx) -> tx.tenants().find("default"))).isPresent();
            assertThat(resolver.resolve(developer(UUID.randomUUID().toString())).tenant("default")).isPresent();
        }
    }

    @Test
    void theMarkerReadWithTheMembershipsFollowsTheTransactionsOwnChange() throws Exception {
        try (PostgresDatabase database = PostgresDatabase.create("marker").withPlatformSchema();
             JdbcUserStore store = JdbcUserStore.builder(database.dataSource()).createTenantTables(true).build()) {
            String marked = UUID.randomUUID().toString();
            String unmarked = UUID.randomUUID().toString();
            store.inTransaction(tx -> tx.tenants().markJoinedDefaultTenant(marked));

            List<Boolean> read = store.inTransaction(tx -> {
                tx.tenants().membershipsOf(unmarked);
                boolean before = tx.tenants().joinedDefaultTenant(unmarked);
                boolean other = tx.tenants().joinedDefaultTenant(marked);
                tx.tenants().markJoinedDefaultTenant(unmarked);
                return List.of(before, other, tx.tenants().joinedDefaultTenant(unmarked));
            });

            assertThat(read).containsExactly(false, true, true);
        }
    }

    @Test
    void aSignInWithTenantsOnSendsOneStatementMoreThanWithout() throws Exception {
        try (PostgresDatabase database = PostgresDatabase.create("tenant_trips").withPlatformSchema()) {
            List<String> sent = new CopyOnWriteArrayList<>();
            DataSource counted = recording(database.dataSource(), sent);
            int off;
            int on;
            try (JdbcUserStore store = JdbcUserStore.builder(counted).settings(OFF).build();
                 PlatformManagedResolver resolver = start(OFF, store)) {
                off = laterSignIn(resolver, sent);
            }
            try (JdbcUserStore store = JdbcUserStore.builder(counted).settings(ON).build();
                 PlatformManagedResolver resolver = start(ON, store)) {
                on = laterSignIn(resolver, sent);
            }

            assertThat(off).isEqualTo(2); // the lock with the user's links, the profile update
            assertThat(on).as("the memberships and the marker, in one round trip").isEqualTo(off + 1);
        }
    }

    /** The statements a later sign-in sends that misses the cache (a new name) once the tenant is cached. */
    private static int laterSignIn(PlatformManagedResolver resolver, List<String> sent) {
        String id = UUID.randomUUID().toString();
        resolver.resolve(developer(id, "name", "first"));
        resolver.resolve(developer(id, "name", "second"));
        sent.clear();
        resolver.resolve(developer(id, "name", "third"));
        return (int) sent.stream().filter(sql -> sql.contains("codemie.")).count();
    }

    private static PlatformManagedResolver start(AuthSettings settings, JdbcUserStore store) {
        PermissionResolver resolver = PermissionResolvers.forMode(settings, () -> store, CLOCK);
        return (PlatformManagedResolver) resolver;
    }

    /** The data source, recording the SQL of each statement its connections prepare. */
    private static DataSource recording(DataSource dataSource, List<String> sent) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(method, dataSource, args);
                    if (!(result instanceof Connection connection)) {
                        return result;
                    }
                    return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                            (p, m, a) -> {
                                if (m.getName().equals("prepareStatement")) {
                                    sent.add((String) a[0]);
                                }
                                return invoke(m, connection, a);
                            });
                });
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
