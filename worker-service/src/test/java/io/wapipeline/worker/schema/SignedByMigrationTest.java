package io.wapipeline.worker.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.wapipeline.testsupport.TestPostgres;

/**
 * V12 on a database that already holds messages and events: the rows stored before the worker checked signatures keep
 * everything they had and say {@code unchecked}; the column never holds a null.
 */
class SignedByMigrationTest {

    @Test
    void rowsStoredBeforeV12SayUncheckedAndKeepTheirValues() {
        DriverManagerDataSource database = new DriverManagerDataSource(TestPostgres.newDatabase());
        migrate(database, "11");
        JdbcClient jdbc = JdbcClient.create(database);
        jdbc.sql("""
                INSERT INTO whatsapp_message (message_id, phone_number_id, contact_id, message_type, text_body, timestamp,
                                              raw_payload, source_topic, source_partition, source_offset, received_at, source)
                VALUES ('wamid.V12-BEFORE', 'PN-V12', '5511900001212', 'text', 'kept as it was', '2026-05-05T10:00:00Z',
                        '{"id":"wamid.V12-BEFORE"}'::jsonb, 'whatsapp.webhooks.raw', 3, 41, '2026-05-05T10:00:01Z', 'live')""").update();
        jdbc.sql("""
                INSERT INTO whatsapp_event (event_key, kind, field, waba_id, phone_number_id, payload, source_partition,
                                            source_offset, received_at)
                VALUES ('event-v12', 'account_update', 'account_update', 'WABA-V12', 'PN-V12', '{"a":1}'::jsonb, 3, 42,
                        '2026-05-05T10:00:02Z')""").update();

        migrate(database, "12");

        assertThat(jdbc.sql("""
                SELECT message_id, text_body, source_partition, source_offset, signed_by FROM whatsapp_message""")
                .query().singleRow()).isEqualTo(Map.of("message_id", "wamid.V12-BEFORE", "text_body", "kept as it was",
                        "source_partition", 3, "source_offset", 41L, "signed_by", "unchecked"));
        assertThat(jdbc.sql("SELECT event_key, kind, source_offset, signed_by FROM whatsapp_event").query().singleRow())
                .isEqualTo(Map.of("event_key", "event-v12", "kind", "account_update", "source_offset", 42L, "signed_by", "unchecked"));
        assertThatThrownBy(() -> jdbc.sql("UPDATE whatsapp_message SET signed_by = NULL").update())
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    private static void migrate(DriverManagerDataSource database, String version) {
        Flyway.configure().dataSource(database).locations("classpath:db/migration").target(version).load().migrate();
    }
}
