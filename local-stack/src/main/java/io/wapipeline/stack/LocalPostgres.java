package io.wapipeline.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import io.wapipeline.stack.DevSecrets.DatabasePasswords;
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
    private final DatabasePasswords passwords;

    private LocalPostgres(EmbeddedPostgres embedded, String databaseUrl, Path dataDirectory, OrphanGuard guard,
            DatabasePasswords passwords) {
        this.embedded = embedded;
        this.databaseUrl = databaseUrl;
        this.dataDirectory = dataDirectory;
        this.guard = guard;
        this.passwords = passwords;
    }

    /**
     * The embedded server, each of its starts guarded by {@code guard}, its roles' passwords {@code passwords}; or the
     * database of the settings' DATABASE_URL.
     */
    static LocalPostgres start(StackSettings settings, Path dataDirectory, OrphanGuard guard, DatabasePasswords passwords) {
        if (settings.databaseUrl().isPresent()) {
            return new LocalPostgres(null, settings.databaseUrl().get(), null, guard, passwords);
        }
        EmbeddedPostgres server = startEmbedded(settings.postgresPort(), dataDirectory, guard, passwords);
        DatabaseRoles.apply(server.getPostgresDatabase(), server.getDatabase(PostgresAuthentication.SUPERUSER, DATABASE), passwords);
        // The form hosting platforms write, which psql takes as well: psql "$DATABASE_URL" works from stack.env.
        return new LocalPostgres(server, url(DatabaseRoles.APP, passwords.app(), server.getPort()), dataDirectory, guard, passwords);
    }

    private static String url(String user, String password, int port) {
        return "postgres://" + user + ":" + password + "@127.0.0.1:" + port + "/" + DATABASE;
    }

    private static EmbeddedPostgres startEmbedded(int port, Path dataDirectory, OrphanGuard guard, DatabasePasswords passwords) {
        EmbeddedPostgres server = embeddedServer(port, dataDirectory, passwords.superuser());
        // pg_ctl starts the server in a session of its own: no signal to this JVM's group reaches it.
        guard.stopPostgresOnExit(dataDirectory);
        return server;
    }

    private static EmbeddedPostgres embeddedServer(int port, Path dataDirectory, String superuserPassword) {
        try {
            // The embedded server's builder turns synchronous_commit off; the worker commits Kafka offsets after the
            // database commit, so a commit must be durable when it returns, as on any production server.
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false).setServerConfig("synchronous_commit", "on")
                    .setServerConfig("max_wal_size", "4GB").setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // Passwords everywhere (pg_hba.conf is replaced before each start), hashed as SCRAM; the library's
                    // own connections (its readiness check) give the superuser's.
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setDataDirectoryCustomizer(new PostgresAuthentication(superuserPassword)::apply)
                    .setConnectConfig("password", superuserPassword)
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

    /** Stops the server (a fast shutdown: open connections are ended) and starts it again on the same port and data. */
    void restart() {
        requireEmbedded();
        int port = embedded.getPort();
        close();
        embedded = startEmbedded(port, dataDirectory, guard, passwords);
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
        embedded = startEmbedded(port, dataDirectory, guard, passwords);
    }

    private void requireEmbedded() {
        if (embedded == null) {
            throw new IllegalStateException("PostgreSQL is not the stack's own (DATABASE_URL names another)");
        }
    }

    /** The application role's URL (or the operator's DATABASE_URL): what the services and the tools connect with. */
    String databaseUrl() {
        return databaseUrl;
    }

    /**
     * The owner's user and password, which the worker's Flyway migrations run as ({@code SPRING_FLYWAY_USER},
     * {@code SPRING_FLYWAY_PASSWORD}); empty with the operator's DATABASE_URL (their own, if set, pass through).
     */
    java.util.Map<String, String> migrationSettings() {
        return embedded == null ? java.util.Map.of()
                : java.util.Map.of("SPRING_FLYWAY_USER", DatabaseRoles.OWNER, "SPRING_FLYWAY_PASSWORD", passwords.owner());
    }

    /** The owner's URL, for a tool that migrates (a benchmark); the operator's DATABASE_URL when it is theirs. */
    String migrationDatabaseUrl() {
        return embedded == null ? databaseUrl : url(DatabaseRoles.OWNER, passwords.owner(), embedded.getPort());
    }

    String description() {
        return embedded == null ? "given by DATABASE_URL"
                : masked(databaseUrl) + " (embedded; data kept in " + dataDirectory + ", --reset wipes it; passwords in secrets.env)";
    }

    /** {@code url} with the password of its {@code user:password@} replaced by {@code ****}, for logs and the banner. */
    static String masked(String url) {
        return url.replaceFirst("(://[^:/@]*):[^@/]*@", "$1:****@").replaceAll("(?i)([?&]password=)[^&]*", "$1****");
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
