package ai.codemie.auth.jdbc;

import ai.codemie.auth.error.InvalidConfigurationException;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The drivers' own non-pooling data sources for a JDBC URL. Each driver class is touched only for its own URL,
 * so that an application needs on its class path just the driver it uses.
 */
final class DriverDataSources {

    private DriverDataSources() {
    }

    static DataSource forUrl(String url, String user, String password) {
        if (url.startsWith("jdbc:postgresql:")) {
            return postgres(url, user, password);
        }
        if (url.startsWith("jdbc:h2:")) {
            return h2(url, user, password);
        }
        // only the scheme is named: the rest of a URL may hold a password
        int schemeEnd = url.startsWith("jdbc:") ? url.indexOf(':', "jdbc:".length()) : -1;
        String scheme = schemeEnd < 0 ? "a URL that does not start with jdbc:<driver>:" : url.substring(0, schemeEnd + 1);
        throw new InvalidConfigurationException(JdbcUserStore.JDBC_URL,
                "the user store supports jdbc:postgresql: and jdbc:h2: URLs, not " + scheme);
    }

    static DataSource h2(String url, String user, String password) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser(user == null ? "" : user);
        dataSource.setPassword(password == null ? "" : password);
        return dataSource;
    }

    private static DataSource postgres(String url, String user, String password) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        if (user != null) {
            dataSource.setUser(user);
        }
        if (password != null) {
            dataSource.setPassword(password);
        }
        return dataSource;
    }
}
