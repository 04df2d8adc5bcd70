package ai.codemie.auth.admin;

import static ai.codemie.auth.admin.UserAdministrationTest.assertAccessDenied;
import static ai.codemie.auth.resolve.PlatformFixture.CLOCK;
import static ai.codemie.auth.store.UserStoreContract.concurrently;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.codemie.auth.config.AuthSettings;
import ai.codemie.auth.error.AuthException;
import ai.codemie.auth.error.Problem;
import ai.codemie.auth.model.EffectivePermissions;
import ai.codemie.auth.model.UserIdentity;
import ai.codemie.auth.policy.Requirements;
import ai.codemie.auth.resolve.PlatformFixture;
import ai.codemie.auth.resolve.PlatformManagedResolver;
import ai.codemie.auth.store.InMemoryUserStore;
import ai.codemie.auth.store.ProjectMembership;
import ai.codemie.auth.store.StoreTransaction;
import ai.codemie.auth.store.StoredUser;
import ai.codemie.auth.test.StoreSeeder;
import java.util.List;
import java.util.Objects;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An admin could lock out every maintainer: deactivation needed only admin, so a plain admin could deactivate every
 * maintainer ({@code MAINTAINER_USER_ID} included) and only SQL brought one back, and anyone could deactivate
 * themselves. Now only a maintainer deactivates a maintainer, nobody deactivates themselves, the last usable
 * maintainer is neither deactivated nor demoted, and a deactivated user is not changed at all.
 */
class MaintainerLockoutTest {

    static final String MAINTAINER = "8f0e6f4a-1b2c-4d3e-8f4a-5b6c7d8e9f01";
    static final String SECOND_MAINTAINER = "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f";
    static final String CONFIGURED_MAINTAINER = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
    static final String ADMIN = "1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d";
    static final String ALICE = "0b6f5c1e-3a4d-4c2b-9f1e-2a3b4c5d6e7f";

    private final InMemoryUserStore store = new InMemoryUserStore();
    private final AuthSettings settings = PlatformFixture.settings(b -> b.set(AuthSettings.MAINTAINER_USER_ID,
            CONFIGURED_MAINTAINER));
    private final PlatformManagedResolver resolver = new PlatformManagedResolver(settings, store);
    private final UserAdministration admin = new UserAdministration(settings, store, resolver.changeListener(), CLOCK);

    MaintainerLockoutTest() {
        StoreSeeder.of(store).user(MAINTAINER).maintainer().user(ADMIN).admin().user(ALICE).email("alice@x.com");
    }

    @AfterEach
    void close() {
        resolver.close();
    }

    private EffectivePermissions as(String id) {
        return PlatformFixture.caller(settings, store, id);
    }

    /** A maintainer by {@code MAINTAINER_USER_ID} before their first sign-in: no store row, so no usable one. */
    private EffectivePermissions configuredMaintainerWithoutARow() {
        return EffectivePermissions.builder(new UserIdentity(CONFIGURED_MAINTAINER, null, null, null, null,
                UserIdentity.REGULAR)).admin(true).maintainer(true).build();
    }

    private StoredUser stored(String id) {
        return store.inTransaction(tx -> tx.users().find(id)).orElseThrow();
    }

    private static void assertRefused(ThrowingCallable call, Problem.Status status, String message, String help) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AuthException.class, e -> {
            assertThat(e.problem().status()).isEqualTo(status);
            assertThat(e.problem().message()).isEqualTo(message);
            assertThat(e.problem().help()).isEqualTo(help);
        });
    }

    // ---- deactivating a maintainer needs a maintainer

    @Test
    void aPlainAdminCannotDeactivateAMaintainer() {
        assertAccessDenied(() -> admin.deactivateUser(as(ADMIN), MAINTAINER), Requirements.MAINTAINER_DETAILS);

        assertThat(stored(MAINTAINER).usable()).isTrue();
    }

    @Test
    void aPlainAdminCannotDeactivateTheConfiguredMaintainerWhoseRowSaysOtherwise() {
        // is_maintainer false, maintainer by MAINTAINER_USER_ID
        StoreSeeder.of(store).user(CONFIGURED_MAINTAINER).admin();

        assertAccessDenied(() -> admin.deactivateUser(as(ADMIN), CONFIGURED_MAINTAINER),
                Requirements.MAINTAINER_DETAILS);
        assertThat(stored(CONFIGURED_MAINTAINER).usable()).isTrue();
    }

    @Test
    void aPlainAdminCannotDeactivateEveryMaintainerOneAfterAnother() {
        StoreSeeder.of(store).user(SECOND_MAINTAINER).maintainer();

        for (String maintainer : List.of(MAINTAINER, SECOND_MAINTAINER)) {
            assertAccessDenied(() -> admin.deactivateUser(as(ADMIN), maintainer), Requirements.MAINTAINER_DETAILS);
        }
        assertThat(store.inTransaction((StoreTransaction tx) -> tx.users().lockUsableMaintainers())).hasSize(2);
    }

    @Test
    void aMaintainerMayDeactivateAnotherMaintainer() {
        StoreSeeder.of(store).user(SECOND_MAINTAINER).maintainer();

        admin.deactivateUser(as(MAINTAINER), SECOND_MAINTAINER);

        assertThat(stored(SECOND_MAINTAINER).usable()).isFalse();
    }

    @Test
    void aPlainAdminStillDeactivatesOtherAdminsAndUsers() {
        StoreSeeder.of(store).user("other-admin").admin();

        admin.deactivateUser(as(ADMIN), "other-admin");
        admin.deactivateUser(as(ADMIN), ALICE);

        assertThat(stored("other-admin").usable()).isFalse();
        assertThat(stored(ALICE).usable()).isFalse();
    }

    // ---- nobody deactivates themselves

    @Test
    void nobodyMayDeactivateThemselves() {
        StoreSeeder.of(store).user(SECOND_MAINTAINER).maintainer();

        for (String self : List.of(ADMIN, MAINTAINER)) {
            assertRefused(() -> admin.deactivateUser(as(self), self), Problem.Status.BAD_REQUEST,
                    "Cannot deactivate own account", "Ask another administrator to deactivate your account.");
            assertThat(stored(self).usable()).isTrue();
        }
    }

    // ---- the last usable maintainer stays

    @Test
    void theLastUsableMaintainerCannotBeDeactivated() {
        StoreSeeder.of(store).user("gone").maintainer().inactive(); // an inactive maintainer is no other maintainer

        assertRefused(() -> admin.deactivateUser(configuredMaintainerWithoutARow(), MAINTAINER),
                Problem.Status.FORBIDDEN,
                "Cannot deactivate last maintainer - system must have at least one maintainer",
                "Make another user a maintainer first.");
        assertThat(stored(MAINTAINER).usable()).isTrue();
    }

    @Test
    void theLastUsableMaintainerCannotBeDemoted() {
        EffectivePermissions configured = configuredMaintainerWithoutARow();
        String lastMaintainer = "Cannot revoke last maintainer - system must have at least one maintainer";

        assertRefused(() -> admin.setMaintainer(configured, MAINTAINER, false), Problem.Status.FORBIDDEN,
                lastMaintainer, "Make another user a maintainer first.");
        // revoking admin revokes maintainer too; another admin remains, so the maintainer rule is what refuses
        assertRefused(() -> admin.setAdmin(configured, MAINTAINER, false), Problem.Status.FORBIDDEN,
                lastMaintainer, "Make another user a maintainer first.");
        assertRefused(() -> admin.setMaintainer(as(MAINTAINER), MAINTAINER, false), Problem.Status.FORBIDDEN,
                lastMaintainer, "Make another user a maintainer first.");
        assertThat(stored(MAINTAINER).maintainer()).isTrue();
        assertThat(stored(MAINTAINER).admin()).isTrue();
    }

    @Test
    void aMaintainerMayBeDemotedOrDeactivatedWhileAnotherRemains() {
        StoreSeeder.of(store).user(SECOND_MAINTAINER).maintainer().user("third").maintainer();

        assertThat(admin.setMaintainer(as(MAINTAINER), SECOND_MAINTAINER, false).user().maintainer()).isFalse();
        admin.deactivateUser(as(MAINTAINER), "third");

        assertThat(store.inTransaction((StoreTransaction tx) -> tx.users().lockUsableMaintainers()))
                .extracting(StoredUser::id)
                .containsExactly(MAINTAINER);
    }

    @Test
    void twoMaintainersDeactivatingEachOtherAtOnceKeepOne() throws Exception {
        for (int round = 0; round < 10; round++) {
            String first = "first-" + round;
            String second = "second-" + round;
            store.inTransaction(tx -> {
                // the last round's survivor steps aside: these two are the only usable maintainers
                tx.users().lockUsableMaintainers().forEach(m -> tx.users().update(m.toBuilder().roles(true, false,
                        null).build()));
                return null;
            });
            StoreSeeder.of(store).user(first).maintainer().user(second).maintainer();
            EffectivePermissions firstCaller = as(first);
            EffectivePermissions secondCaller = as(second);

            List<AdministrationException> refusals = concurrently(2, i -> () -> {
                try {
                    admin.deactivateUser(i == 0 ? firstCaller : secondCaller, i == 0 ? second : first);
                    return null;
                } catch (AdministrationException e) {
                    return e;
                }
            });

            assertThat(refusals).as("round %d", round).filteredOn(Objects::isNull).hasSize(1);
            assertThat(refusals).filteredOn(Objects::nonNull).singleElement().satisfies(e -> assertThat(
                    e.problem().reason()).isEqualTo("last_maintainer"));
            assertThat(store.inTransaction((StoreTransaction tx) -> tx.users().lockUsableMaintainers())).hasSize(1);
        }
    }

    // ---- a deactivated user is not changed

    @Test
    void aDeactivatedUserCannotBeChanged() {
        StoreSeeder.of(store).sharedProject("proj", ADMIN).sharedProject("other", ADMIN);
        admin.assignMember(as(ADMIN), "proj", ALICE, false);
        admin.grantKnowledgeBase(as(ADMIN), ALICE, "kb");
        admin.deactivateUser(as(ADMIN), ALICE);
        StoredUser before = stored(ALICE);

        List<ThrowingCallable> changes = List.of(
                () -> admin.setProjectLimit(as(ADMIN), ALICE, 9),
                () -> admin.setAdmin(as(MAINTAINER), ALICE, true),
                () -> admin.setMaintainer(as(MAINTAINER), ALICE, true),
                () -> admin.updateUser(as(MAINTAINER), ALICE, UserUpdate.none()),
                () -> admin.assignMember(as(ADMIN), "other", ALICE, false),
                () -> admin.unassignMember(as(ADMIN), "proj", ALICE),
                () -> admin.grantKnowledgeBase(as(ADMIN), ALICE, "kb-2"),
                () -> admin.revokeKnowledgeBase(as(ADMIN), ALICE, "kb"));
        for (ThrowingCallable change : changes) {
            assertThatThrownBy(change).isInstanceOfSatisfying(AdministrationException.class, e -> {
                assertThat(e.problem().status()).isEqualTo(Problem.Status.CONFLICT);
                assertThat(e.problem().message()).isEqualTo("User is deactivated");
                assertThat(e.problem().reason()).isEqualTo("user_deactivated");
            });
        }
        assertThat(stored(ALICE)).isEqualTo(before);
        assertThat(store.inTransaction((StoreTransaction tx) -> tx.projects().membershipsOf(ALICE)))
                .containsExactly(new ProjectMembership(ALICE, "proj", false));
        assertThat(store.inTransaction((StoreTransaction tx) -> tx.users().knowledgeBases(ALICE)))
                .containsExactly("kb");
    }

    @Test
    void deactivatingADeactivatedUserStillChangesNothing() {
        admin.deactivateUser(as(ADMIN), ALICE);
        StoredUser before = stored(ALICE);

        admin.deactivateUser(as(ADMIN), ALICE);

        assertThat(stored(ALICE)).isEqualTo(before);
    }
}
