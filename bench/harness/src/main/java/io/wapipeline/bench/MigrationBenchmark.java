package io.wapipeline.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.flywaydb.core.Flyway;

import io.wapipeline.model.settings.DatabaseUrl;
import io.wapipeline.stack.LocalStack;
import io.wapipeline.stack.Service;

/**
 * Benchmark 7: the schema migrations after V7 on a database written by schema 7: 200,000 messages from 20,000 people
 * (a tenth of them split between a phone-number and a business-scoped-id conversation, as V7 filed them), 200,000
 * statuses and their conversations. Reports each migration's time (Flyway's own record) and the locks the migrating
 * session held, sampled every 50 ms from a second connection.
 */
final class MigrationBenchmark {

    private static final String FILL = """
            INSERT INTO whatsapp_message (message_id, waba_id, phone_number_id, contact_id, from_number, from_user_id,
                    contact_name, message_type, text_body, timestamp, raw_payload, source_topic, source_partition,
                    source_offset, received_at)
            SELECT 'wamid.MIGRATION-' || i, 'WABA-MIGRATION', 'PN-MIGRATION',
                   CASE WHEN person % 10 = 0 AND i % 2 = 0 THEN 'BR.' || person ELSE (5511900000000 + person)::text END,
                   CASE WHEN person % 10 = 0 AND i % 2 = 0 THEN NULL ELSE (5511900000000 + person)::text END,
                   CASE WHEN person % 10 = 0 THEN 'BR.' || person END,
                   'Person ' || person, 'text', 'message ' || i, to_timestamp(1700000000 + i), jsonb_build_object('id', i),
                   'whatsapp.webhooks.raw', 0, i, now()
              FROM generate_series(1, ?) AS i, LATERAL (SELECT i % ? AS person) p
            """;

    private static final String STATUSES = """
            INSERT INTO whatsapp_message_status (message_id, status, status_rank, timestamp, waba_id, phone_number_id,
                    recipient_id, raw_payload, source_partition, source_offset, received_at)
            SELECT 'wamid.MIGRATION-OUT-' || i, 'delivered', 3, to_timestamp(1700000000 + i), 'WABA-MIGRATION', 'PN-MIGRATION',
                   (5511900000000 + i % ?)::text, jsonb_build_object('id', i), 0, i, now()
              FROM generate_series(1, ?) AS i
            """;

    private static final String CONVERSATIONS = """
            INSERT INTO whatsapp_conversation (phone_number_id, contact_id, contact_wa_id, contact_user_id, contact_name,
                    contact_profile_at, first_message_at, last_message_at, last_message_id, last_message_type,
                    last_message_preview, message_count)
            SELECT phone_number_id, contact_id, min(from_number), min(from_user_id), min(contact_name), max(timestamp),
                   min(timestamp), max(timestamp), max(message_id), 'text', 'last', count(*)
              FROM whatsapp_message GROUP BY phone_number_id, contact_id
            """;

    private static final String LOCKS = """
            SELECT COALESCE(c.relname, l.locktype) || ' ' || l.mode
              FROM pg_locks l LEFT JOIN pg_class c ON c.oid = l.relation
             WHERE l.pid <> pg_backend_pid() AND l.granted AND l.locktype IN ('relation', 'advisory')
               AND (c.relname IS NULL OR c.relname NOT LIKE 'pg\\_%')
            """;

    private final BenchContext context;

    MigrationBenchmark(BenchContext context) {
        this.context = context;
    }

    List<Row> run() throws Exception {
        int messages = context.size(200_000, 20_000);
        int people = messages / 10;
        try (LocalStack stack = context.stack(EnumSet.noneOf(Service.class))) {
            DatabaseUrl url = DatabaseUrl.parse(stack.migrationDatabaseUrl());
            Flyway.configure().dataSource(url.jdbcUrl(), url.username(), url.password()).locations("classpath:db/migration")
                    .target("7").load().migrate();
            fill(url, messages, people);
            Set<String> locks = new ConcurrentSkipListSet<>();
            long started = System.nanoTime();
            migrateWatchingLocks(url, locks);
            long millis = (System.nanoTime() - started) / 1_000_000;
            List<Row> rows = new ArrayList<>();
            rows.add(Row.measured("7. migrations after V7 on " + String.format("%,d", messages) + " messages, " + String.format("%,d", messages)
                    + " statuses", String.format("%,d ms in all; %s", millis, perVersion(url))));
            rows.add(Row.measured("7. locks the migrating session held (sampled)", String.join(", ", new TreeSet<>(locks))));
            return rows;
        }
    }

    private void fill(DatabaseUrl url, int messages, int people) throws SQLException {
        context.say("writing " + messages + " messages, " + messages + " statuses and their conversations at schema 7");
        try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), url.username(), url.password());
                var fill = connection.prepareStatement(FILL); var statuses = connection.prepareStatement(STATUSES);
                Statement statement = connection.createStatement()) {
            fill.setInt(1, messages);
            fill.setInt(2, people);
            fill.execute();
            statuses.setInt(1, people);
            statuses.setInt(2, messages);
            statuses.execute();
            statement.execute(CONVERSATIONS);
            statement.execute("ANALYZE");
        }
    }

    /** Migrates on this thread while another connection samples the locks of every other session (Flyway's alone). */
    private void migrateWatchingLocks(DatabaseUrl url, Set<String> locks) throws Exception {
        try (Connection watching = DriverManager.getConnection(url.jdbcUrl(), url.username(), url.password());
                var query = watching.prepareStatement(LOCKS)) {
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleAtFixedRate(() -> sample(query, locks), 0, 50, TimeUnit.MILLISECONDS);
            try {
                Flyway.configure().dataSource(url.jdbcUrl(), url.username(), url.password())
                        .locations("classpath:db/migration").load().migrate();
            }
            finally {
                sampler.shutdown();
                sampler.awaitTermination(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void sample(java.sql.PreparedStatement query, Set<String> locks) {
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                locks.add(rs.getString(1));
            }
        }
        catch (SQLException e) {
            locks.add("(a sample failed: " + e.getMessage() + ")");
        }
    }

    private static String perVersion(DatabaseUrl url) throws SQLException {
        List<String> parts = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url.jdbcUrl(), url.username(), url.password());
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "SELECT version, execution_time FROM flyway_schema_history WHERE version::int > 7 ORDER BY installed_rank")) {
            while (rs.next()) {
                parts.add("V" + rs.getString(1) + " " + String.format("%,d", rs.getInt(2)) + " ms");
            }
        }
        return String.join(", ", parts);
    }
}
