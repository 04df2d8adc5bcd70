package ai.codemie.auth.jdbc;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** H2's own data source, kept apart so that only the embedded store needs H2 on the class path. */
final class H2DataSources {

    private H2DataSources() {
    }

    static DataSource create(String url) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        return dataSource;
    }
}
