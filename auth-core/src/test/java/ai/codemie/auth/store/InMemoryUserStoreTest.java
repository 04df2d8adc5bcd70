package ai.codemie.auth.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import ai.codemie.auth.test.StoreSeeder;

class InMemoryUserStoreTest {

    private final InMemoryUserStore store = new InMemoryUserStore();

    private static StoredUser user(String id, String email) {
        return StoredUser.builder(id, id).email(email).projectLimit(3).authSource("keycloak").build();
    }

    private <T> T read(UserStore.StoreWork<T> work) {
        return store.inTransaction(work);
    }

    @Test
    void rollsBackEveryWriteWhenTheWorkThrows() {
        StoreSeeder.of(store).user("alice").email("alice@x.com").member("first", false).member("second", true)
                .knowledgeBase("kb-1");

        assertThatThrownBy(() -> store.inTransaction(tx -> {
            tx.users().insert(user("bob", "bob@x.com"));
            tx.users().update(tx.users().find("alice").orElseThrow().toBuilder().roles(true, false, null).build());
            tx.projects().insert(new Project("third", ProjectType.SHARED, "alice", null, null));
            tx.projects().addMember(new ProjectMembership("alice", "third", false));
            tx.projects().removeMember("alice", "first");
            tx.users().grantKnowledgeBase("alice", "kb-2");
            tx.users().revokeKnowledgeBase("alice", "kb-1");
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class).hasMessage("boom");

        read(tx -> {
            assertThat(tx.users().find("bob")).isEmpty();
            assertThat(tx.users().findByEmail("bob@x.com")).isEmpty();
            assertThat(tx.users().find("alice").orElseThrow().admin()).isFalse();
            assertThat(tx.users().findByEmail("alice@x.com").orElseThrow().projectLimit()).isEqualTo(3);
            assertThat(tx.projects().find("third")).isEmpty();
            assertThat(tx.projects().membershipsOf("alice")).containsExactly(
                    new ProjectMembership("alice", "first", false),
                    new ProjectMembership("alice", "second", true));
            assertThat(tx.projects().members("first")).containsExactly(new ProjectMembership("alice", "first", false));
            assertThat(tx.users().knowledgeBases("alice")).containsExactly("kb-1");
            return null;
        });
    }

    @Test
    void keepsOrderOfGrantsRestoredByARollback() {
        StoreSeeder.of(store).user("alice").knowledgeBase("kb-1").knowledgeBase("kb-2").knowledgeBase("kb-3");

        assertThatThrownBy(() -> store.inTransaction(tx -> {
            tx.users().revokeKnowledgeBase("alice", "kb-1");
            tx.users().grantKnowledgeBase("alice", "kb-1");
            throw new IllegalStateException("boom");
        })).isInstanceOf(IllegalStateException.class);

        List<String> grants = read(tx -> tx.users().knowledgeBases("alice"));
        assertThat(grants).containsExactly("kb-1", "kb-2", "kb-3");
    }

    @Test
    void announcesPublishedChangesOnlyAfterTheCommit() throws Exception {
        StoreSeeder.of(store).user("alice");
        List<String> told = new CopyOnWriteArrayList<>();
        try (AutoCloseable ignored = store.changeFeed().subscribe(listener(told))) {
            List<String> toldDuringWork = store.inTransaction(tx -> {
                tx.publishChange("alice");
                tx.publishChange("alice");
                return List.copyOf(told);
            });
            assertThat(toldDuringWork).isEmpty();
            assertThat(told).containsExactly("alice");
        }
    }

    @Test
    void announcesNothingForARolledBackTransaction() throws Exception {
        List<String> told = new CopyOnWriteArrayList<>();
        try (AutoCloseable ignored = store.changeFeed().subscribe(listener(told))) {
            assertThatThrownBy(() -> store.inTransaction(tx -> {
                tx.publishChange("alice");
                throw new IllegalStateException("boom");
            })).isInstanceOf(IllegalStateException.class);
        }
        assertThat(told).isEmpty();
    }

    @Test
    void refusesNestedTransactions() {
        assertThatThrownBy(() -> store.inTransaction(tx -> store.inTransaction(inner -> null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("nested");
    }

    @Test
    void refusesATransactionUsedAfterItEnded() {
        AtomicReference<StoreTransaction> escaped = new AtomicReference<>();
        store.inTransaction(tx -> {
            escaped.set(tx);
            return null;
        });

        assertThatThrownBy(() -> escaped.get().users().find("alice")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> escaped.get().users().insert(user("alice", null)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void insertsNoUserWhoseIdUserNameOrEmailIsTaken() {
        StoreSeeder.of(store).user("alice").email("alice@x.com");

        read(tx -> {
            assertThat(tx.users().insert(user("alice", "other@x.com"))).isFalse();
            assertThat(tx.users().insert(user("id-2", null).toBuilder().username("alice").build())).isFalse();
            assertThat(tx.users().insert(user("bob", "alice@x.com"))).isFalse();
            assertThat(tx.users().insert(user("bob", null))).isTrue();
            assertThat(tx.users().insert(user("carol", null))).isTrue(); // e-mail is optional, and null is not a value
            return null;
        });
        assertThat(StoreSeeder.of(store).userCount()).isEqualTo(3);
    }

    @Test
    void refusesAnUpdateThatTakesAnotherUsersEmail() {
        StoreSeeder.of(store).user("alice").email("alice@x.com").user("bob").email("bob@x.com");

        assertThatThrownBy(() -> store.inTransaction(tx -> {
            tx.users().update(tx.users().find("bob").orElseThrow().toBuilder().email("alice@x.com").name(null)
                    .picture(null).build());
            return null;
        })).isInstanceOf(IllegalArgumentException.class);
        String holder = read(tx -> tx.users().findByEmail("alice@x.com").orElseThrow().id());
        assertThat(holder).isEqualTo("alice");
    }

    @Test
    void countsOnlySharedProjectsThatAreNotDeleted() {
        StoreSeeder.of(store)
                .project(new Project("gone", ProjectType.SHARED, "alice", Instant.EPOCH, null))
                .project(new Project("alice@x.com", ProjectType.PERSONAL, "alice", null, null))
                .user("alice").creatorOf("made-1").creatorOf("made-2").member("joined", false)
                .member("gone", false).member("alice@x.com", false);

        read(tx -> {
            assertThat(tx.projects().countSharedMemberships("alice")).isEqualTo(3);
            assertThat(tx.projects().countCreatedShared("alice")).isEqualTo(2);
            assertThat(tx.projects().countSharedMemberships("nobody")).isZero();
            return null;
        });
    }

    @Test
    void listsUsersByUserNameAndLocksOnlyUsableAdmins() {
        StoreSeeder.of(store).user("u3").username("carol").admin()
                .user("u1").username("alice").admin()
                .user("u2").username("bob").admin().inactive()
                .user("u4").username("dave");

        read(tx -> {
            assertThat(tx.users().listAll()).extracting(StoredUser::username).containsExactly("alice", "bob", "carol",
                    "dave");
            assertThat(tx.users().lockUsableAdmins()).extracting(StoredUser::id).containsExactly("u1", "u3");
            return null;
        });
    }

    @Test
    void serialisesTransactionsSoReadModifyWriteLosesNoUpdate() throws Exception {
        StoreSeeder.of(store).user("alice").projectLimit(0);
        int threads = 8;
        int increments = 250;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < increments; i++) {
                        store.inTransaction(tx -> {
                            StoredUser alice = tx.users().lock("alice").orElseThrow();
                            Thread.yield(); // widen the window between read and write
                            tx.users().update(alice.toBuilder().roles(false, false, alice.projectLimit() + 1).build());
                            return null;
                        });
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        Integer counted = read(tx -> tx.users().find("alice").orElseThrow().projectLimit());
        assertThat(counted).isEqualTo(threads * increments);
    }

    @Test
    void seedsUsersWithMembershipsProjectsAndGrants() {
        StoreSeeder.of(store).user("alice").email("alice@x.com").name("Alice").maintainer().member("proj", true)
                .knowledgeBase("kb")
                .user("bob").external().projectLimit(5).creatorOf("own").inactive();

        read(tx -> {
            StoredUser alice = tx.users().find("alice").orElseThrow();
            assertThat(alice.admin()).isTrue();
            assertThat(alice.maintainer()).isTrue();
            assertThat(alice.projectLimit()).isNull();
            assertThat(alice.name()).isEqualTo("Alice");
            assertThat(tx.projects().find("proj").orElseThrow().createdBy()).isNull();
            assertThat(tx.projects().members("proj")).containsExactly(new ProjectMembership("alice", "proj", true));
            assertThat(tx.users().knowledgeBases("alice")).containsExactly("kb");
            StoredUser bob = tx.users().find("bob").orElseThrow();
            assertThat(bob.userType()).isEqualTo("external");
            assertThat(bob.projectLimit()).isEqualTo(5);
            assertThat(bob.usable()).isFalse();
            assertThat(tx.projects().find("own").orElseThrow().createdBy()).isEqualTo("bob");
            assertThat(tx.projects().membershipsOf("bob")).containsExactly(new ProjectMembership("bob", "own", true));
            return null;
        });
    }

    private static ChangeFeed.ChangeListener listener(List<String> told) {
        return listener(told::add);
    }

    private static ChangeFeed.ChangeListener listener(java.util.function.Consumer<String> onUser) {
        return new ChangeFeed.ChangeListener() {
            @Override
            public void userChanged(String userId) {
                onUser.accept(userId);
            }

            @Override
            public void everythingChanged() {
                onUser.accept("*");
            }
        };
    }
}
