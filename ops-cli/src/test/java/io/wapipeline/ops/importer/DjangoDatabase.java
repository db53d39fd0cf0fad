package io.wapipeline.ops.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.wapipeline.model.settings.DatabaseUrl;
import io.wapipeline.ops.TestStack;

/**
 * A Django webhook app's database on the test stack's PostgreSQL, owned by a role of its own with a password (so that
 * the role could write, and the tests can see the password is never printed), with the tables of
 * {@code importer/django-schema.sql}.
 */
final class DjangoDatabase {

    static final String ROLE = "django_owner";
    static final String PASSWORD = "django-s3cret";

    private final String name;

    private DjangoDatabase(String name) {
        this.name = name;
    }

    /** A new database of that name with the Django app's tables and no rows (an older one of the name is dropped). */
    static DjangoDatabase create(String name) {
        DjangoDatabase database = empty(name);
        database.runScript("django-schema.sql");
        return database;
    }

    /** A new database of that name without any table. */
    static DjangoDatabase empty(String name) {
        // Another database and its role, as the Django app's host made them: the stack's superuser's work, not its
        // application role's (which may only read and write rows of the pipeline's tables).
        DatabaseUrl server = DatabaseUrl.parse(TestStack.get().databaseUrl());
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl(), "postgres",
                TestStack.get().secrets().database().superuser());
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + ROLE + "') THEN "
                    + "CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + PASSWORD + "'; END IF; END $$");
            statement.execute("CREATE DATABASE " + name + " OWNER " + ROLE);
        }
        catch (SQLException e) {
            throw new IllegalStateException("could not create the database " + name, e);
        }
        return new DjangoDatabase(name);
    }

    /** The URL a Heroku or Fly app would have for it, password included. */
    String url() {
        URI server = URI.create(TestStack.get().databaseUrl());
        return "postgres://" + ROLE + ":" + PASSWORD + "@" + server.getHost() + ":" + server.getPort() + "/" + name;
    }

    /** Runs {@code importer/<script>} as the owner. */
    void runScript(String script) {
        try (InputStream in = DjangoDatabase.class.getResourceAsStream("/importer/" + script)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture importer/" + script);
            }
            execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void execute(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        catch (SQLException e) {
            throw new IllegalStateException("failed in " + name + ": " + sql, e);
        }
    }

    /** The row count and an md5 of every row of {@code table} in id order: what any write would change. */
    String checksum(String table) {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(
                "SELECT count(*) || ' rows, md5 ' || md5(string_agg(t::text, ',' ORDER BY t.id)) FROM " + table + " t");
                ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getString(1);
        }
        catch (SQLException e) {
            throw new IllegalStateException("could not read " + table, e);
        }
    }

    Connection connect() throws SQLException {
        DatabaseUrl database = DatabaseUrl.parse(url());
        return DriverManager.getConnection(database.jdbcUrl(), database.username(), database.password());
    }
}
