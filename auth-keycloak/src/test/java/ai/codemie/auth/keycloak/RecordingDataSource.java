package ai.codemie.auth.keycloak;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;

/** A data source that records the SQL of every statement its connections prepare or execute. */
final class RecordingDataSource {

    private final List<String> statements = Collections.synchronizedList(new ArrayList<>());
    private final DataSource dataSource;

    RecordingDataSource(DataSource delegate) {
        this.dataSource = proxy(DataSource.class, delegate, (method, args, result) ->
                result instanceof Connection connection ? connection(connection) : result);
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** The SQL recorded so far, in order. */
    List<String> statements() {
        synchronized (statements) {
            return List.copyOf(statements);
        }
    }

    void clear() {
        statements.clear();
    }

    private Connection connection(Connection connection) {
        return proxy(Connection.class, connection, (method, args, result) -> {
            if (method.getName().startsWith("prepare") && args != null && args[0] instanceof String sql) {
                statements.add(sql);
            }
            return result instanceof Statement statement && !method.getName().startsWith("prepare")
                    ? statement(statement) : result;
        });
    }

    private Statement statement(Statement statement) {
        return proxy(Statement.class, statement, (method, args, result) -> {
            if (method.getName().startsWith("execute") && args != null && args[0] instanceof String sql) {
                statements.add(sql);
            }
            return result;
        });
    }

    @FunctionalInterface
    private interface AfterCall {
        Object apply(Method method, Object[] args, Object result);
    }

    private static <T> T proxy(Class<T> type, T delegate, AfterCall after) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
                return method.invoke(delegate, args);
            }
            try {
                return after.apply(method, args, method.invoke(delegate, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
