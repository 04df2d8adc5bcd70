package ai.codemie.auth.keycloak;

import ai.codemie.auth.store.ChangeFeed;
import ai.codemie.auth.store.StoreTransaction;
import ai.codemie.auth.store.UserStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Optional;

/**
 * A store that hands everything to another one, for tests that step in somewhere: override a method, or
 * {@link #intercept} each call of a transaction. Published in auth-keycloak's test jar.
 */
public class ForwardingStore implements UserStore {

    private final UserStore delegate;

    public ForwardingStore(UserStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public <T> T inTransaction(StoreWork<T> work) {
        return delegate.inTransaction(tx -> work.run((StoreTransaction) Proxy.newProxyInstance(
                StoreTransaction.class.getClassLoader(), new Class<?>[] {StoreTransaction.class},
                (proxy, method, args) -> {
                    intercept(method, args);
                    try {
                        return method.invoke(tx, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                })));
    }

    /** Called before each call of a transaction's method; may throw instead of letting it happen. */
    protected void intercept(Method method, Object[] args) {
    }

    @Override
    public ChangeFeed changeFeed() {
        return delegate.changeFeed();
    }

    @Override
    public Optional<ExclusiveLock> tryExclusiveLock(String name) {
        return delegate.tryExclusiveLock(name);
    }
}
