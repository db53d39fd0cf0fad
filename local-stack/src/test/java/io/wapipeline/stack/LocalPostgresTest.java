package io.wapipeline.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.wapipeline.model.settings.DatabaseUrl;
import io.wapipeline.stack.DevSecrets.DatabasePasswords;
import io.wapipeline.stackkit.OrphanGuard;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The stack's PostgreSQL asks everyone for a password, and the role the services use can read and write rows, and
 * nothing else: no programs, no server files, no DDL. The worker's migrations run as the owner. A data directory of an
 * earlier release (trust for everyone, tables of the superuser) is converted at start. PostgreSQL alone, no stack.
 */
class LocalPostgresTest {

    private static final DatabasePasswords PASSWORDS = new DatabasePasswords("su-pw-1", "owner-pw-2", "app-pw-3");
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final String WRONG_PASSWORD = "28P01";

    @TempDir
    Path home;

    @Test
    void everyoneGivesAPasswordAndTheApplicationRoleRunsNoProgramAndReadsNoServerFile() throws Exception {
        try (LocalPostgres postgres = start()) {
            DatabaseUrl app = DatabaseUrl.parse(postgres.databaseUrl());
            assertThat(app.username()).isEqualTo(DatabaseRoles.APP);
            assertThat(Files.readString(home.resolve("postgres/pg_hba.conf"))).doesNotContainIgnoringCase("trust")
                    .isEqualTo(PostgresAuthentication.HBA);
            assertRefused(app.jdbcUrl(), PostgresAuthentication.SUPERUSER, "wrong", WRONG_PASSWORD);
            assertRefusedWithoutPassword(app.jdbcUrl());
            assertRefused(app.jdbcUrl(), DatabaseRoles.APP, "wrong", WRONG_PASSWORD);
            assertRefused(app.jdbcUrl(), DatabaseRoles.OWNER, "wrong", WRONG_PASSWORD);

            migrateAsOwner(postgres);

            try (Connection connection = DriverManager.getConnection(app.jdbcUrl(), app.username(), app.password());
                    Statement statement = connection.createStatement()) {
                assertThat(roleAttributes(statement)).isEqualTo("super=f createrole=f createdb=f replication=f bypassrls=f");
                assertThat(memberships(statement)).isEqualTo("programs=f read files=f write files=f");
                assertFails(statement, "COPY (SELECT 1) TO PROGRAM 'id > " + home.resolve("pwned") + "'", INSUFFICIENT_PRIVILEGE);
                assertFails(statement, "SELECT pg_read_file('PG_VERSION')", INSUFFICIENT_PRIVILEGE);
                assertFails(statement, "COPY whatsapp_message FROM '/etc/passwd'", INSUFFICIENT_PRIVILEGE);
                assertFails(statement, "CREATE TABLE intruder (id int)", INSUFFICIENT_PRIVILEGE);
                assertFails(statement, "DROP TABLE whatsapp_message", INSUFFICIENT_PRIVILEGE);
                assertThat(tablesWithoutRowRights(statement)).isEmpty();
                storeAndReadAMessage(statement, "wamid.LOCALPG-1");
            }
            assertThat(home.resolve("pwned")).doesNotExist();
        }
    }

    @Test
    void aDataDirectoryOfAnEarlierReleaseStopsTrustingAndItsTablesMoveToTheOwnerWhoMigratesThem() throws Exception {
        Path data = home.resolve("postgres");
        try (EmbeddedPostgres earlier = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false)
                .setRegisterShutdownHook(false).start()) {
            try (Connection connection = earlier.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE DATABASE whatsapp");
            }
            // As the earlier release's worker did: the superuser migrated and stored.
            Flyway.configure().dataSource(earlier.getDatabase("postgres", "whatsapp")).locations("classpath:db/migration")
                    .target("10").load().migrate();
            try (Connection whatsapp = earlier.getDatabase("postgres", "whatsapp").getConnection();
                    Statement statement = whatsapp.createStatement()) {
                storeAndReadAMessage(statement, "wamid.LOCALPG-EARLIER");
            }
        }
        assertThat(Files.readString(data.resolve("pg_hba.conf"))).contains("trust");

        try (LocalPostgres postgres = start()) {
            DatabaseUrl app = DatabaseUrl.parse(postgres.databaseUrl());
            assertThat(Files.readString(data.resolve("pg_hba.conf"))).doesNotContainIgnoringCase("trust");
            assertRefusedWithoutPassword(app.jdbcUrl());
            assertRefused(app.jdbcUrl(), PostgresAuthentication.SUPERUSER, "wrong", WRONG_PASSWORD);

            migrateAsOwner(postgres);

            try (Connection connection = DriverManager.getConnection(app.jdbcUrl(), app.username(), app.password());
                    Statement statement = connection.createStatement()) {
                assertThat(single(statement, "SELECT count(*) FROM whatsapp_message WHERE message_id = 'wamid.LOCALPG-EARLIER'")).isEqualTo("1");
                storeAndReadAMessage(statement, "wamid.LOCALPG-AFTER");
                assertThat(single(statement, """
                        SELECT string_agg(DISTINCT pg_get_userbyid(relowner), ',') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
                        """)).isEqualTo(DatabaseRoles.OWNER);
                assertThat(single(statement, "SELECT max(version::int) FROM flyway_schema_history")).isEqualTo(latestMigration(postgres));
                assertThat(tablesWithoutRowRights(statement)).isEmpty();
                assertFails(statement, "ALTER TABLE whatsapp_message ADD COLUMN more text", INSUFFICIENT_PRIVILEGE);
            }
        }
    }

    private LocalPostgres start() {
        StackSettings settings = new StackSettings(Path.of("..").toAbsolutePath().normalize(), home, false,
                Optional.of("127.0.0.1:1"), Optional.empty(), 0, 0, 0, 0, EnumSet.noneOf(Service.class));
        return LocalPostgres.start(settings, home.resolve("postgres"), OrphanGuard.ofThisJvm(), PASSWORDS);
    }

    /** The worker's migrations, as the worker runs them: the owner's user and password over the application's URL. */
    /** The version of the newest migration the schema module ships (Flyway lists those pending as well as those applied). */
    private static String latestMigration(LocalPostgres postgres) {
        DatabaseUrl app = DatabaseUrl.parse(postgres.databaseUrl());
        var all = Flyway.configure().dataSource(app.jdbcUrl(), postgres.migrationSettings().get("SPRING_FLYWAY_USER"),
                postgres.migrationSettings().get("SPRING_FLYWAY_PASSWORD")).locations("classpath:db/migration").load().info().all();
        return all[all.length - 1].getVersion().getVersion();
    }

    private static void migrateAsOwner(LocalPostgres postgres) {
        DatabaseUrl app = DatabaseUrl.parse(postgres.databaseUrl());
        Flyway.configure().dataSource(app.jdbcUrl(), postgres.migrationSettings().get("SPRING_FLYWAY_USER"),
                postgres.migrationSettings().get("SPRING_FLYWAY_PASSWORD")).locations("classpath:db/migration").load().migrate();
    }

    private static void assertRefused(String jdbcUrl, String user, String password, String sqlState) {
        assertThatThrownBy(() -> DriverManager.getConnection(jdbcUrl, user, password).close()).as(user + " with a wrong password")
                .isInstanceOfSatisfying(SQLException.class, refused -> assertThat(refused.getSQLState()).isEqualTo(sqlState));
    }

    /** As the library's {@code -A trust} and the earlier stack let anyone in: now the driver is asked for a password. */
    private static void assertRefusedWithoutPassword(String jdbcUrl) {
        assertThatThrownBy(() -> DriverManager.getConnection(jdbcUrl, PostgresAuthentication.SUPERUSER, null).close())
                .isInstanceOf(SQLException.class).hasMessageContaining("password");
    }

    private static void assertFails(Statement statement, String sql, String sqlState) {
        assertThatThrownBy(() -> statement.execute(sql)).as(sql)
                .isInstanceOfSatisfying(SQLException.class, refused -> assertThat(refused.getSQLState()).isEqualTo(sqlState));
    }

    private static String roleAttributes(Statement statement) throws SQLException {
        return single(statement, """
                SELECT 'super=' || CASE WHEN rolsuper THEN 't' ELSE 'f' END || ' createrole=' || CASE WHEN rolcreaterole THEN 't' ELSE 'f' END
                       || ' createdb=' || CASE WHEN rolcreatedb THEN 't' ELSE 'f' END || ' replication=' || CASE WHEN rolreplication THEN 't' ELSE 'f' END
                       || ' bypassrls=' || CASE WHEN rolbypassrls THEN 't' ELSE 'f' END
                  FROM pg_roles WHERE rolname = current_user
                """);
    }

    private static String memberships(Statement statement) throws SQLException {
        return single(statement, """
                SELECT 'programs=' || CASE WHEN pg_has_role('pg_execute_server_program', 'MEMBER') THEN 't' ELSE 'f' END
                       || ' read files=' || CASE WHEN pg_has_role('pg_read_server_files', 'MEMBER') THEN 't' ELSE 'f' END
                       || ' write files=' || CASE WHEN pg_has_role('pg_write_server_files', 'MEMBER') THEN 't' ELSE 'f' END
                """);
    }

    /** Every table of the schema the owner made: each must give the application role its rows. */
    private static List<String> tablesWithoutRowRights(Statement statement) throws SQLException {
        List<String> missing = new ArrayList<>();
        try (ResultSet tables = statement.executeQuery("""
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
                   AND NOT (has_table_privilege(c.oid, 'SELECT') AND has_table_privilege(c.oid, 'INSERT')
                        AND has_table_privilege(c.oid, 'UPDATE') AND has_table_privilege(c.oid, 'DELETE'))
                """)) {
            while (tables.next()) {
                missing.add(tables.getString(1));
            }
        }
        return missing;
    }

    private static void storeAndReadAMessage(Statement statement, String messageId) throws SQLException {
        statement.execute("""
                INSERT INTO whatsapp_message (message_id, phone_number_id, contact_id, message_type, timestamp, raw_payload,
                                              source_topic, source_partition, source_offset, received_at, source)
                VALUES ('%s', '1090', '5511', 'text', now(), '{}', 'whatsapp.webhooks.raw', 0, 0, now(), 'live')
                """.formatted(messageId));
        assertThat(single(statement, "SELECT message_type FROM whatsapp_message WHERE message_id = '" + messageId + "'")).isEqualTo("text");
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            assertThat(result.next()).as(sql).isTrue();
            return result.getString(1);
        }
    }
}
