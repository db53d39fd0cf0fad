package io.wapipeline.model.settings;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code DATABASE_URL} as hosting platforms write it ({@code postgres://user:pass@host:5432/db?sslmode=require}), or a
 * {@code jdbc:postgresql:} URL as it is, turned into what the JDBC driver takes.
 */
public record DatabaseUrl(String jdbcUrl, String username, String password) {

    public static DatabaseUrl parse(String url) {
        String value = url.strip();
        if (value.startsWith("jdbc:postgresql:")) {
            return new DatabaseUrl(value, null, null);
        }
        if (!value.startsWith("postgres://") && !value.startsWith("postgresql://")) {
            throw new IllegalArgumentException("DATABASE_URL must start with postgres://, postgresql:// or jdbc:postgresql: "
                    + "(it starts with '" + value.substring(0, Math.min(value.length(), value.indexOf(':') + 1)) + "')");
        }
        URI uri;
        try {
            uri = URI.create(value);
        }
        catch (IllegalArgumentException notAUri) {
            // the parser's message quotes the whole URL, password included: it is not passed on
            throw new IllegalArgumentException("DATABASE_URL is not a valid URL: percent-encode special characters in the "
                    + "user and password (for example @ as %40, / as %2F, % as %25)");
        }
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
            throw new IllegalArgumentException("DATABASE_URL must name a host and a database: postgres://user:pass@host:5432/db");
        }
        String jdbc = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String[] credentials = uri.getRawUserInfo() == null ? new String[0] : uri.getRawUserInfo().split(":", 2);
        return new DatabaseUrl(jdbc, credentials.length > 0 ? decode(credentials[0]) : null,
                credentials.length > 1 ? decode(credentials[1]) : null);
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "DatabaseUrl[" + jdbcUrl + ", user=" + username + ", password=****]";
    }
}
