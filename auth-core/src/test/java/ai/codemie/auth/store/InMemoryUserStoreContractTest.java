package ai.codemie.auth.store;

/** The in-memory store keeps the contract every store keeps. */
class InMemoryUserStoreContractTest extends UserStoreContract {

    @Override
    protected UserStore createEmptyStore() {
        return new InMemoryUserStore();
    }
}
