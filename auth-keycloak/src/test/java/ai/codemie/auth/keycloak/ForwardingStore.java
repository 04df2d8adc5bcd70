package ai.codemie.auth.keycloak;

import ai.codemie.auth.store.ChangeFeed;
import ai.codemie.auth.store.ProjectRecords;
import ai.codemie.auth.store.StoreTransaction;
import ai.codemie.auth.store.UserRecords;
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
        return delegate.inTransaction(tx -> work.run(intercepted(StoreTransaction.class, tx)));
    }

    /**
     * The target behind a proxy that intercepts each call, and hands out the transaction's users and projects behind
     * proxies of their own, so that every read and write of a transaction is intercepted.
     */
    private <I> I intercepted(Class<I> type, I target) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    intercept(method, args);
                    Object result;
                    try {
                        result = method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (result instanceof UserRecords users) {
                        return intercepted(UserRecords.class, users);
                    }
                    if (result instanceof ProjectRecords projects) {
                        return intercepted(ProjectRecords.class, projects);
                    }
                    return result;
                }));
    }

    /**
     * Called before each call of a method of a transaction, of its {@code users()} or of its {@code projects()}; may
     * throw instead of letting it happen.
     */
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
