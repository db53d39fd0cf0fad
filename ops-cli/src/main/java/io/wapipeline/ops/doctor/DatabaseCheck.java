package io.wapipeline.ops.doctor;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;

import io.wapipeline.model.settings.DatabaseUrl;
import io.wapipeline.model.settings.Setting;
import io.wapipeline.ops.Databases;
import io.wapipeline.ops.Environment;

/** {@code DATABASE_URL} reaches PostgreSQL, and the schema has every migration this version of the worker ships. */
final class DatabaseCheck implements Check {

    private final Environment environment;

    DatabaseCheck(Environment environment) {
        this.environment = environment;
    }

    @Override
    public String name() {
        return "database reachable, migrations current";
    }

    @Override
    public Result run() {
        Optional<String> url = environment.get(Setting.DATABASE_URL.variable());
        if (url.isEmpty()) {
            return Result.fail("DATABASE_URL is not set", "set DATABASE_URL=postgres://user:pass@host:5432/db");
        }
        DatabaseUrl database;
        try {
            database = DatabaseUrl.parse(url.get());
        }
        catch (IllegalArgumentException malformed) {
            return Result.fail(malformed.getMessage(), "write DATABASE_URL as postgres://user:pass@host:5432/db");
        }
        try (Connection connection = Databases.connect(database)) {
            return migrations(database, connection.getMetaData().getDatabaseProductVersion());
        }
        catch (SQLException failure) {
            return Result.fail(failure.getMessage(), fixFor(failure));
        }
    }

    private static Result migrations(DatabaseUrl database, String serverVersion) {
        MigrationInfoService info = Flyway.configure().dataSource(database.jdbcUrl(), database.username(), database.password())
                .locations("classpath:db/migration").load().info();
        MigrationInfo current = info.current();
        int pending = info.pending().length;
        if (current == null) {
            return Result.fail("connected (PostgreSQL " + serverVersion + ") but the schema is empty",
                    "start the worker once with this DATABASE_URL: it creates the tables (Flyway) on start");
        }
        if (pending > 0) {
            return Result.fail("schema at version " + current.getVersion() + ", " + pending + " migration(s) pending",
                    "start (or restart) the current worker: it applies pending migrations on start");
        }
        return Result.pass("PostgreSQL " + serverVersion + ", schema at version " + current.getVersion() + " (current)");
    }

    /** The usual causes by SQL state: server not there, wrong credentials, no such database. */
    private static String fixFor(SQLException failure) {
        String state = String.valueOf(failure.getSQLState());
        if (state.equals("08004")) {
            // The driver's own refusal: the server asked for a password (scram-sha-256) and the URL gave none.
            return "PostgreSQL asks for a password and DATABASE_URL gives none: write it as postgres://user:password@host:port/db "
                    + "(the local stack's is in .local/stack.env: set -a; . .local/stack.env)";
        }
        if (state.startsWith("08")) {
            return "nothing answers at DATABASE_URL's host and port: start PostgreSQL, or correct the host/port (and the "
                    + "firewall or security group between here and there)";
        }
        if (state.equals("28P01") || state.equals("28000")) {
            return "PostgreSQL refused the user or password in DATABASE_URL: correct them (URL-encode special characters)";
        }
        if (state.equals("3D000")) {
            return "the database in DATABASE_URL does not exist: create it (createdb) or correct its name";
        }
        return "see the message above; check DATABASE_URL";
    }
}
