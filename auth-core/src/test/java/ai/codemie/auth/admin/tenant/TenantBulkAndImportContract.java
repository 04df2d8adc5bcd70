package ai.codemie.auth.admin.tenant;

import static ai.codemie.auth.admin.tenant.TenantAdminFixture.ACME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.audit.AuditEvent;
import ai.codemie.auth.error.Problem.Status;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.store.ChangeFeed;
import ai.codemie.auth.store.Invitation;
import ai.codemie.auth.store.StoredUser;
import ai.codemie.auth.store.TenantMembership;
import ai.codemie.auth.store.UserStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bulk role changes and user imports, all or nothing in one transaction, on every store: each implementation runs
 * this suite by extending it. Published in auth-core's test jar.
 */
public abstract class TenantBulkAndImportContract {

    private UserStore store;
    private final AtomicInteger transactions = new AtomicInteger();
    private TenantAdminFixture f;
    private TenantAdministration tenants;

    /** A store with nothing in it, the platform's tables and the tenant tables included. */
    protected abstract UserStore createEmptyStore() throws Exception;

    @BeforeEach
    void fill() throws Exception {
        store = createEmptyStore();
        UserStore counted = new UserStore() {
            @Override
            public <T> T inTransaction(StoreWork<T> work) {
                transactions.incrementAndGet();
                return store.inTransaction(work);
            }

            @Override
            public ChangeFeed changeFeed() {
                return store.changeFeed();
            }
        };
        f = new TenantAdminFixture(counted);
        tenants = f.tenants;
    }

    @AfterEach
    void close() throws Exception {
        f.close();
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    // ---- bulk

    @Test
    void oneUnknownUserOrRoleAmongAThousandRejectsTheWholeChangeListingEachProblem() {
        List<String> members = addMembers(999, List.of());
        List<String> ids = new ArrayList<>(members);
        ids.add(500, TenantAdministrationTest.FixtureIds.UNKNOWN);
        ids.add(f.outsider);
        ids.remove(ids.size() - 1); // 1,000 ids: 999 members and the unknown one
        EffectivePermissions owner = f.as(f.owner);

        assertThatThrownBy(() -> tenants.bulkRoles(owner, ACME, ids, List.of("reader", "Ghost"), BulkMode.ADD))
                .isInstanceOfSatisfying(BulkRejectedException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(Status.BAD_REQUEST);
                    assertThat(e.problems()).containsExactly(
                            new BulkProblem(TenantAdministrationTest.FixtureIds.UNKNOWN, null, "The user '"
                                    + TenantAdministrationTest.FixtureIds.UNKNOWN
                                    + "' is not a member of the tenant 'acme'."),
                            new BulkProblem(null, "Ghost", "The tenant 'acme' has no role 'Ghost'."));
                });

        assertThat(f.members(ACME)).filteredOn(m -> m.roleNames().contains("reader"))
                .isEmpty();
        assertThat(f.events).isEmpty();
    }

    @Test
    void aBulkChangeGivesEachUsersRolesBeforeAndAfterInTheListsOrderInOneTransaction() {
        List<String> members = addMembers(998, List.of("chatter"));
        List<String> ids = new ArrayList<>(members);
        ids.add(0, f.alice);
        ids.add(f.bob);
        ids.add(members.get(3)); // a duplicate counts once
        EffectivePermissions owner = f.as(f.owner);
        int before = transactions.get();

        BulkResult added = tenants.bulkRoles(owner, ACME, ids, List.of("reader", "CHATTER"), BulkMode.ADD);

        assertThat(transactions.get() - before).isEqualTo(1);
        assertThat(added.results()).hasSize(1_000);
        assertThat(added.results().get(0)).isEqualTo(new BulkChange(f.alice, List.of("chatter"),
                List.of("chatter", "reader")));
        assertThat(added.results().get(1)).isEqualTo(new BulkChange(members.get(0), List.of("chatter"),
                List.of("chatter", "reader")));
        assertThat(added.results().get(999)).isEqualTo(new BulkChange(f.bob, List.of(), List.of("chatter",
                "reader")));
        assertThat(f.storedRoles(ACME, members.get(997))).containsExactly("chatter", "reader");
        assertThat(f.decide(f.bob, ACME, "kb:read").allowed()).isTrue();
        assertThat(f.events).extracting(AuditEvent::action).containsExactly("tenant.bulk_roles");

        BulkResult replaced = tenants.bulkRoles(owner, ACME, List.of(f.alice, f.bob), List.of(), BulkMode.REPLACE);

        assertThat(replaced.results()).containsExactly(
                new BulkChange(f.alice, List.of("chatter", "reader"), List.of()),
                new BulkChange(f.bob, List.of("chatter", "reader"), List.of()));
        assertThat(f.storedRoles(ACME, f.alice)).as("still a member, without roles").isEmpty();
        assertThat(f.decide(f.alice, ACME, "agent:chat").reason().code()).isEqualTo("no_role_grants");

        BulkResult removed = tenants.bulkRoles(owner, ACME, List.of(members.get(0)), List.of("chatter"),
                BulkMode.REMOVE);
        assertThat(removed.results()).containsExactly(new BulkChange(members.get(0), List.of("chatter", "reader"),
                List.of("reader")));
        assertThat(f.events).hasSize(3);
    }

    @Test
    void aBulkChangeNamesAtMostAThousandUsers() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1_001; i++) {
            ids.add(TenantAdminFixture.id());
        }

        f.assertRefused(() -> tenants.bulkRoles(f.as(f.owner), ACME, ids, List.of("reader"), BulkMode.ADD),
                Status.BAD_REQUEST, "Invalid request body");
    }

    @Test
    void aBulkChangeGivingOutMoreThanTheCallerHoldsIsRefusedAsAWholeWhileTakingIsNot() {
        EffectivePermissions manager = f.as(f.manager);
        f.assertDenied(() -> tenants.bulkRoles(manager, ACME, List.of(f.alice, f.bob), List.of("chatter",
                "agent-all"), BulkMode.ADD), "would_escalate",
                "You cannot give out 'agent:*', which you do not hold in the tenant 'acme'.");
        assertThat(f.storedRoles(ACME, f.bob)).isEmpty();

        tenants.bulkRoles(f.as(f.admin), ACME, List.of(f.bob), List.of("agent-all"), BulkMode.ADD);
        BulkResult taken = tenants.bulkRoles(manager, ACME, List.of(f.bob), List.of("agent-all"), BulkMode.REMOVE);
        // a replace keeping a role the user holds gives it out to nobody
        tenants.bulkRoles(f.as(f.admin), ACME, List.of(f.bob), List.of("agent-all"), BulkMode.ADD);
        BulkResult kept = tenants.bulkRoles(manager, ACME, List.of(f.bob), List.of("agent-all", "chatter"),
                BulkMode.REPLACE);

        assertThat(taken.results().get(0).after()).isEmpty();
        assertThat(kept.results().get(0).after()).containsExactly("chatter", "agent-all");
    }

    // ---- import

    @Test
    void anImportAddsKnownUsersGivesMembersRolesAndInvitesUnknownEmails() {
        f.write(tx -> {
            tx.invitations().insert(new Invitation(ACME, "pending@acme.test", null, List.of("reader")));
            tx.invitations().insert(new Invitation(ACME, "pending2@acme.test", null, List.of()));
        });
        AtomicReference<Collection<String>> offered = new AtomicReference<>();
        EffectivePermissions owner = f.as(f.owner);

        ImportResult result = tenants.importUsers(owner, ACME, names -> {
            offered.set(names);
            return TenantImport.validate(List.of(
                    row(2, "alice@acme.TEST", "", "chatter, reader"),
                    row(3, "bob@acme.test", "", ""),
                    row(4, "carol@acme.test", "Carol", "reader"),
                    row(5, "New@acme.test", "Newcomer", "reader"),
                    row(6, "PENDING@acme.test", "", "reader"),
                    row(7, "pending2@acme.test", "", "chatter")), names);
        }, false);

        assertThat(offered.get()).containsExactly("Owner", "Chat Manager", "chatter", "agent-all", "reader",
                "viewer");
        assertThat(result).isEqualTo(new ImportResult(1, 2, 1, 2, false));
        assertThat(f.storedRoles(ACME, f.alice)).containsExactly("chatter", "reader");
        assertThat(f.storedRoles(ACME, f.carol)).containsExactly("reader");
        assertThat(f.invitations(ACME)).containsExactlyInAnyOrder(
                new Invitation(ACME, "New@acme.test", "Newcomer", List.of("reader")),
                new Invitation(ACME, "pending@acme.test", null, List.of("reader")),
                new Invitation(ACME, "pending2@acme.test", null, List.of("chatter")));
        assertThat(f.decide(f.carol, ACME, "kb:read").allowed()).isTrue();
        assertThat(f.events).extracting(AuditEvent::action).containsExactly("tenant.import");
        assertThat(f.events.get(0).after()).containsEntry("users_added", 1).containsEntry("placeholders_created", 1);
    }

    @Test
    void aDryRunCountsTheSameAndWritesNothing() {
        List<TenantMembership> members = f.members(ACME);
        Function<Collection<String>, ImportValidation> parser = names -> TenantImport.validate(List.of(
                row(2, "alice@acme.test", "", "reader"), row(3, "carol@acme.test", "", ""),
                row(4, "new@acme.test", "", "")), names);

        ImportResult dry = tenants.importUsers(f.as(f.owner), ACME, parser, true);

        assertThat(dry).isEqualTo(new ImportResult(1, 1, 1, 0, true));
        assertThat(f.members(ACME)).isEqualTo(members);
        assertThat(f.invitations(ACME)).isEmpty();
        assertThat(f.events).isEmpty();
        assertThat(tenants.importUsers(f.as(f.owner), ACME, parser, false)).isEqualTo(new ImportResult(1, 1, 1, 0,
                false));
    }

    @Test
    void aFailedImportChangesNothing() {
        List<TenantMembership> members = f.members(ACME);
        EffectivePermissions owner = f.as(f.owner);

        assertThatThrownBy(() -> tenants.importUsers(owner, ACME, names -> TenantImport.validate(List.of(
                row(2, "carol@acme.test", "", "reader"), row(3, "not-an-email", "", "ghost")), names), false))
                .isInstanceOfSatisfying(ImportRejectedException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(Status.UNPROCESSABLE_ENTITY);
                    assertThat(e.errors()).extracting(ImportError::line, ImportError::column).containsExactly(
                            org.assertj.core.groups.Tuple.tuple(3, "email"),
                            org.assertj.core.groups.Tuple.tuple(3, "initial_roles"));
                });
        f.assertRefused(() -> tenants.importUsers(owner, ACME, names -> ImportValidation.TooLarge.bytes(3_000_000),
                false), Status.PAYLOAD_TOO_LARGE, "Import too large");
        // one escalating role refuses the whole import, a dry run included
        for (boolean dryRun : List.of(true, false)) {
            f.assertDenied(() -> tenants.importUsers(f.as(f.manager), ACME, names -> TenantImport.validate(List.of(
                    row(2, "carol@acme.test", "", "chatter"), row(3, "new@acme.test", "", "agent-all")), names),
                    dryRun), "would_escalate",
                    "You cannot give out 'agent:*', which you do not hold in the tenant 'acme'.");
        }

        assertThat(f.members(ACME)).isEqualTo(members);
        assertThat(f.invitations(ACME)).isEmpty();
    }

    @Test
    void tenThousandRowsImportInOneTransaction() {
        int rows = TenantImport.MAX_ROWS;
        List<ImportRow> file = new ArrayList<>(rows);
        Map<String, List<String>> existing = new HashMap<>();
        List<StoredUser> known = new ArrayList<>();
        for (int i = 0; i < rows / 2; i++) {
            String id = TenantAdminFixture.id();
            known.add(StoredUser.builder(id, "import-" + i).email("Import" + i + "@acme.test").authSource("keycloak")
                    .projectLimit(3).build());
            if (i % 2 == 0) {
                existing.put(id, List.of("chatter"));
            }
        }
        f.write(tx -> {
            known.forEach(tx.users()::insert);
            tx.tenants().addRoles(ACME, existing);
        });
        for (int i = 0; i < rows; i++) {
            String email = i < rows / 2 ? "import" + i + "@ACME.test" : "invitee" + i + "@acme.test";
            file.add(row(i + 2, email, "Person " + i, "chatter, reader"));
        }
        EffectivePermissions owner = f.as(f.owner);
        int before = transactions.get();

        long start = System.nanoTime();
        ImportResult result = tenants.importUsers(owner, ACME, names -> TenantImport.validate(file, names), false);
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        System.out.println("[" + getClass().getSimpleName() + "] a " + rows + "-row import took " + elapsedMillis
                + " ms");
        assertThat(transactions.get() - before).isEqualTo(1);
        assertThat(result).isEqualTo(new ImportResult(rows / 4, rows / 4, rows / 2, 0, false));
        assertThat(f.members(ACME)).filteredOn(m -> m.roleNames().equals(
                List.of("chatter", "reader"))).hasSize(rows / 2);
        assertThat(f.invitations(ACME)).hasSize(rows / 2)
                .allSatisfy(invitation -> assertThat(invitation.roleNames()).containsExactly("chatter", "reader"));
    }

    // ---- helpers

    /** Makes this many new users members of acme with the roles; their ids in creation order. */
    private List<String> addMembers(int count, List<String> roles) {
        List<StoredUser> users = new ArrayList<>();
        Map<String, List<String>> memberships = new java.util.LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String id = TenantAdminFixture.id();
            users.add(StoredUser.builder(id, "member-" + i).email("member" + i + "@acme.test").authSource("keycloak")
                    .projectLimit(3).build());
            memberships.put(id, roles);
        }
        f.write(tx -> {
            users.forEach(tx.users()::insert);
            tx.tenants().addRoles(ACME, memberships);
        });
        return List.copyOf(memberships.keySet());
    }

    private static ImportRow row(int line, String email, String name, String roles) {
        return new ImportRow(line, email, name, roles);
    }
}
