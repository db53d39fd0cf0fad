package io.wapipeline.ops;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.regex.Pattern;

import io.wapipeline.model.settings.DatabaseUrl;

/** PostgreSQL connections as {@code wa-ops} opens them, and database URLs as it prints them: without the password. */
public final class Databases {

    /** {@code user:password@} of a {@code postgres://} URL, and {@code password=} of a query string. */
    /** {@code ://user:password@}: the password runs to the last {@code @} before the host, whatever it contains. */
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(://[^:/@]*):.*@(?=[^@]*$)");
    private static final Pattern QUERY_PASSWORD = Pattern.compile("(?i)([?&;]password=)[^&;]*");

    private Databases() {
    }

    /** A connection that gives up after 5 s when nothing answers. */
    public static Connection connect(DatabaseUrl database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), properties(database));
    }

    /**
     * A connection the server refuses every write on: read-only whether or not a transaction is open (the driver's
     * {@code readOnlyMode=always} makes autocommit statements read-only as well).
     */
    public static Connection connectReadOnly(DatabaseUrl database, String applicationName) throws SQLException {
        Properties properties = properties(database);
        properties.put("readOnly", "true");
        properties.put("readOnlyMode", "always");
        properties.put("ApplicationName", applicationName);
        Connection connection = DriverManager.getConnection(database.jdbcUrl(), properties);
        connection.setReadOnly(true);
        return connection;
    }

    /** {@code url} with its password, if it has one, replaced by {@code ****}. */
    public static String masked(String url) {
        String masked = USER_INFO_PASSWORD.matcher(url.strip()).replaceFirst("$1:****@");
        return QUERY_PASSWORD.matcher(masked).replaceAll("$1****");
    }

    private static Properties properties(DatabaseUrl database) {
        Properties properties = new Properties();
        if (database.username() != null) {
            properties.put("user", database.username());
        }
        if (database.password() != null) {
            properties.put("password", database.password());
        }
        properties.put("connectTimeout", "5");
        return properties;
    }
}
