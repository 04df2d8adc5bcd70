package ai.codemie.auth.resolve;

import ai.codemie.auth.store.InMemoryUserStore;
import ai.codemie.auth.store.UserStore;

/** The identity rules of first and later logins on the in-memory store. */
class IdentityConflictsInMemoryTest extends IdentityConflictsContract {

    @Override
    protected UserStore createEmptyStore() {
        return new InMemoryUserStore();
    }
}
