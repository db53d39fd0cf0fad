package io.wapipeline.stack;

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

    /** Both roles exist, with no right beyond logging in: no superuser, no CREATEDB, CREATEROLE, replication. */
    private static final String ROLES = """
            DO $$
            BEGIN
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'whatsapp_owner') THEN CREATE ROLE whatsapp_owner; END IF;
                IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'whatsapp_app') THEN CREATE ROLE whatsapp_app; END IF;
            END
            $$;
            ALTER ROLE whatsapp_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
            ALTER ROLE whatsapp_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
            """;

    private static final String DATABASE_EXISTS = "SELECT 1 FROM pg_database WHERE datname = 'whatsapp'";
    private static final String CREATE_DATABASE = "CREATE DATABASE whatsapp OWNER whatsapp_owner";

    /** Only the application role may connect besides the owner; the maintenance database is the superuser's. */
    private static final String DATABASE_ACCESS = """
            ALTER DATABASE whatsapp OWNER TO whatsapp_owner;
            REVOKE ALL ON DATABASE whatsapp FROM PUBLIC;
            GRANT CONNECT ON DATABASE whatsapp TO whatsapp_app;
            REVOKE ALL ON DATABASE postgres FROM PUBLIC;
            """;

    /**
     * In the database: the owner owns the schema and everything in it (an earlier release's tables, views and
     * sequences were the superuser's; a sequence that belongs to a column moves with its table); only the owner may
     * create objects; the application role gets rows, on the tables there are and on those the owner makes later.
     */
    private static final String SCHEMA = """
            ALTER SCHEMA public OWNER TO whatsapp_owner;
            REVOKE ALL ON SCHEMA public FROM PUBLIC;
            GRANT USAGE ON SCHEMA public TO whatsapp_app;
            DO $$
            DECLARE
                object record;
            BEGIN
                FOR object IN
                    SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                       AND c.relowner <> 'whatsapp_owner'::regrole
                       AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                                          AND d.deptype IN ('a', 'i'))
                LOOP
                    EXECUTE format('ALTER %s public.%I OWNER TO whatsapp_owner', CASE object.relkind
                        WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE'
                        WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, object.relname);
                END LOOP;
            END
            $$;
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO whatsapp_app;
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO whatsapp_app;
            ALTER DEFAULT PRIVILEGES FOR ROLE whatsapp_owner IN SCHEMA public
                GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO whatsapp_app;
            ALTER DEFAULT PRIVILEGES FOR ROLE whatsapp_owner IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO whatsapp_app;
            """;

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
}
