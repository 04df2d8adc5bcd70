package ai.codemie.auth.store;

/** The in-memory store keeps the tenant contract every store keeps. */
class InMemoryTenantStoreContractTest extends TenantStoreContract {

    @Override
    protected UserStore createEmptyStore() {
        return new InMemoryUserStore();
    }
}
