package io.wapipeline.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import io.wapipeline.stackkit.OrphanGuard;
import io.wapipeline.stackkit.Postmaster;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The stack's PostgreSQL: an embedded server whose data directory is kept in {@code .local/postgres} across restarts
 * (wiped on reset), or the database the operator named in {@code DATABASE_URL}.
 */
final class LocalPostgres implements AutoCloseable {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LocalPostgres.class);

    static final String DATABASE = "whatsapp";

    private EmbeddedPostgres embedded;
    private final String databaseUrl;
    private final Path dataDirectory;
    private final OrphanGuard guard;

    private LocalPostgres(EmbeddedPostgres embedded, String databaseUrl, Path dataDirectory, OrphanGuard guard) {
        this.embedded = embedded;
        this.databaseUrl = databaseUrl;
        this.dataDirectory = dataDirectory;
        this.guard = guard;
    }

    /** The embedded server, each of its starts guarded by {@code guard}, or the database of the settings' DATABASE_URL. */
    static LocalPostgres start(StackSettings settings, Path dataDirectory, OrphanGuard guard) {
        if (settings.databaseUrl().isPresent()) {
            return new LocalPostgres(null, settings.databaseUrl().get(), null, guard);
        }
        EmbeddedPostgres server = startEmbedded(settings.postgresPort(), dataDirectory, guard);
        createDatabaseIfMissing(server);
        // The form hosting platforms write, which psql takes as well: psql "$DATABASE_URL" works from stack.env.
        return new LocalPostgres(server, "postgres://postgres@127.0.0.1:" + server.getPort() + "/" + DATABASE, dataDirectory, guard);
    }

    private static EmbeddedPostgres startEmbedded(int port, Path dataDirectory, OrphanGuard guard) {
        EmbeddedPostgres server = embeddedServer(port, dataDirectory);
        // pg_ctl starts the server in a session of its own: no signal to this JVM's group reaches it.
        guard.stopPostgresOnExit(dataDirectory);
        return server;
    }

    private static EmbeddedPostgres embeddedServer(int port, Path dataDirectory) {
        try {
            // The embedded server's builder turns synchronous_commit off; the worker commits Kafka offsets after the
            // database commit, so a commit must be durable when it returns, as on any production server.
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false).setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_wal_size", "4GB").setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // The stack stops PostgreSQL itself, last, after the worker has committed: the library's own
                    // shutdown hook would stop it at the same moment as everything else.
                    .setRegisterShutdownHook(false);
            if (port > 0) {
                builder.setPort(port);
            }
            return builder.start();
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres server) {
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            var existing = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
            if (!existing.next()) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
        }
        catch (SQLException e) {
            throw new IllegalStateException("could not create the database " + DATABASE, e);
        }
    }

    /** Stops the server (a fast shutdown: open connections are ended) and starts it again on the same port and data. */
    void restart() {
        requireEmbedded();
        int port = embedded.getPort();
        close();
        embedded = startEmbedded(port, dataDirectory, guard);
    }

    /** Kills the server's postmaster with SIGKILL, as a crash would, and starts it again: PostgreSQL recovers from its WAL. */
    void crashAndRestart() {
        requireEmbedded();
        int port = embedded.getPort();
        Postmaster.of(dataDirectory).ifPresent(postmaster -> {
            postmaster.destroyForcibly();
            postmaster.onExit().join();
        });
        try {
            java.nio.file.Files.deleteIfExists(dataDirectory.resolve("postmaster.pid"));
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not delete PostgreSQL's pid file", e);
        }
        try {
            // Its stop fails (there is no server any more), but it lets go of the data directory's lock.
            embedded.close();
        }
        catch (IOException | RuntimeException alreadyDead) {
            log.debug("Closing the killed PostgreSQL: {}", alreadyDead.toString());
        }
        embedded = startEmbedded(port, dataDirectory, guard);
    }

    private void requireEmbedded() {
        if (embedded == null) {
            throw new IllegalStateException("PostgreSQL is not the stack's own (DATABASE_URL names another)");
        }
    }

    String databaseUrl() {
        return databaseUrl;
    }

    String description() {
        return embedded == null ? "given by DATABASE_URL"
                : databaseUrl + " (embedded; data kept in " + dataDirectory + ", --reset wipes it)";
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            }
            catch (IOException e) {
                throw new UncheckedIOException("could not stop the embedded PostgreSQL", e);
            }
        }
    }
}
