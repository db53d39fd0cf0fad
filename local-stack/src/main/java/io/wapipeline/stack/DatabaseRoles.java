package io.wapipeline.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.postgresql.util.PasswordUtil;

import io.wapipeline.stack.DevSecrets.DatabasePasswords;

/**
 * The embedded PostgreSQL's two roles, neither a superuser: {@value #OWNER} owns the schema (the worker's Flyway
 * migrations run as it) and {@value #APP} reads and writes rows of the tables the owner makes, and nothing else (the
 * worker, {@code wa-ops}, psql from {@code stack.env}). Applied as the superuser at each start, so that a database of an
 * earlier release (tables made by the superuser, which every service used) is moved over, and passwords follow
 * {@code secrets.env}.
 */
final class DatabaseRoles {

    static final String OWNER = "whatsapp_owner";
    static final String APP = "whatsapp_app";

    /** Both roles exist, with no right beyond logging in (schema module: db/roles/roles.sql, also docker-compose's). */
    private static final String ROLES = sql("roles.sql");

    private static final String DATABASE_EXISTS = "SELECT 1 FROM pg_database WHERE datname = 'whatsapp'";
    private static final String CREATE_DATABASE = "CREATE DATABASE whatsapp OWNER whatsapp_owner";

    /** Only the application role may connect besides the owner; the maintenance database is the superuser's. */
    private static final String DATABASE_ACCESS = sql("database.sql");

    /** In the database: the owner owns the schema and everything in it; the application role gets rows. */
    private static final String SCHEMA = sql("schema.sql");

    private DatabaseRoles() {
    }

    /** Applies the roles, the database and its grants through the superuser's connections. */
    static void apply(DataSource maintenance, DataSource whatsapp, DatabasePasswords passwords) {
        try (Connection connection = maintenance.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(ROLES);
            // SCRAM verifiers made here: the passwords themselves never reach the server, nor its log.
            statement.execute(PasswordUtil.genAlterUserPasswordSQL(OWNER, passwords.owner().toCharArray(), "scram-sha-256"));
            statement.execute(PasswordUtil.genAlterUserPasswordSQL(APP, passwords.app().toCharArray(), "scram-sha-256"));
            if (!statement.executeQuery(DATABASE_EXISTS).next()) {
                statement.execute(CREATE_DATABASE);
            }
            statement.execute(DATABASE_ACCESS);
        }
        catch (SQLException e) {
            throw new IllegalStateException("could not set up the roles of the embedded PostgreSQL: " + e.getMessage(), e);
        }
        try (Connection connection = whatsapp.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(SCHEMA);
        }
        catch (SQLException e) {
            throw new IllegalStateException("could not set up the privileges in the database whatsapp: " + e.getMessage(), e);
        }
    }

    /** A file of the schema module's db/roles: the statements docker-compose.yml and docs/deploy.md run too. */
    private static String sql(String name) {
        try (InputStream in = DatabaseRoles.class.getResourceAsStream("/db/roles/" + name)) {
            if (in == null) {
                throw new IllegalStateException("db/roles/" + name + " is not on the class path (module schema)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read db/roles/" + name, e);
        }
    }
}
