package io.wapipeline.worker.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.wapipeline.testsupport.TestPostgres;

/**
 * The console's status pages read by their indexes, not by scanning every status: planned by PostgreSQL over a month
 * of one-to-one and group statuses (392,000 rows), as it plans them for a real database.
 */
class ConsoleQueryPlansTest {

    private static final String STATUSES = """
            INSERT INTO whatsapp_message_status (message_id, status, status_rank, timestamp, phone_number_id, recipient_id,
                   recipient_type, participant_id, participant_key, errors, raw_payload, source_partition, source_offset,
                   received_at)
            SELECT 'wamid.plan-' || m, s.status, s.rank, now() - (m * interval '20 seconds') + s.rank * interval '1 second',
                   'PN-PLAN', CASE WHEN m % 20 = 0 THEN 'group-' || m || '@g.us' ELSE '5511' || m END,
                   CASE WHEN m % 20 = 0 THEN 'group' END, CASE WHEN m % 20 = 0 THEN '5511' || p END,
                   CASE WHEN m % 20 = 0 THEN '5511' || p ELSE '' END,
                   CASE WHEN s.status = 'failed' THEN '[{"code":131026}]'::jsonb END, '{}'::jsonb, 0, m, now()
              FROM generate_series(1, 100000) m
             CROSS JOIN LATERAL (VALUES ('sent', 1), ('delivered', 3), ('failed', 2)) s(status, rank)
             CROSS JOIN LATERAL generate_series(1, CASE WHEN m % 20 = 0 THEN 20 ELSE 1 END) p
             WHERE s.status <> 'failed' OR m % 50 = 1
            """;

    private static JdbcClient jdbc;

    @BeforeAll
    static void aMonthOfStatuses() {
        DriverManagerDataSource database = new DriverManagerDataSource(TestPostgres.newDatabase());
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(database);
        jdbc.sql(STATUSES).update();
        jdbc.sql("ANALYZE whatsapp_message_status").update();
    }

    @Test
    void theSentListReadsTheNewestStatusesByTheTimeIndex() {
        String plan = plan(jdbc.sql("EXPLAIN " + SentMessages.LIST).param("contact", null).param("business", null)
                .param("from", null).param("to", null).param("state", null).param("beforeAt", null).param("beforeId", "")
                .param("limit", 51));
        assertThat(plan).contains("whatsapp_message_status_newest");
    }

    @Test
    void theFailuresPageReadsFailedStatusesByTheFailureIndex() {
        Timestamp since = Timestamp.from(Instant.now().minus(Duration.ofDays(7)));
        String byCode = plan(jdbc.sql("EXPLAIN " + DeliveryFailures.BY_CODE).param("since", since));
        String newest = plan(jdbc.sql("EXPLAIN " + DeliveryFailures.NEWEST).param("since", since).param("code", null).param("limit", 50));
        assertThat(byCode).contains("whatsapp_message_status_failed");
        assertThat(newest).contains("whatsapp_message_status_failed");
    }

    private static String plan(JdbcClient.StatementSpec explain) {
        List<String> lines = explain.query(String.class).list();
        return String.join("\n", lines);
    }
}
