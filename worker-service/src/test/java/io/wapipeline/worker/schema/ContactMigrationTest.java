package io.wapipeline.worker.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.wapipeline.testsupport.TestPostgres;

/**
 * A database written before contacts existed (schema 7) migrates: a person split into a phone-number conversation and
 * a business-scoped-id conversation becomes one contact with one conversation, no message is lost, counts add up, and
 * every id any message or status named is filed under its contact.
 */
class ContactMigrationTest {

    private static final String INSERT_MESSAGE = """
            INSERT INTO whatsapp_message (message_id, waba_id, phone_number_id, contact_id, from_number, from_user_id,
                    contact_name, message_type, text_body, timestamp, raw_payload, source_topic, source_partition,
                    source_offset, received_at)
            VALUES (?, 'WABA-M', 'PN-M', ?, ?, ?, ?, 'text', ?, to_timestamp(?), '{}', 'whatsapp.webhooks.raw', 0, 0, now())
            """;

    private static final String INSERT_CONVERSATION = """
            INSERT INTO whatsapp_conversation (phone_number_id, contact_id, contact_wa_id, contact_user_id, contact_name,
                    contact_profile_at, first_message_at, last_message_at, last_message_id, last_message_type,
                    last_message_preview, message_count)
            VALUES ('PN-M', ?, ?, ?, ?, to_timestamp(?), to_timestamp(?), to_timestamp(?), ?, 'text', ?, ?)
            """;

    @Test
    void aPersonSplitAcrossPhoneAndBusinessIdBecomesOneContactWithOneConversation() {
        DriverManagerDataSource database = new DriverManagerDataSource(TestPostgres.newDatabase());
        Flyway.configure().dataSource(database).locations("classpath:db/migration").target("7").load().migrate();
        JdbcClient jdbc = JdbcClient.create(database);
        message(jdbc, "wamid.M1", "5511955550001", "5511955550001", "BR.955550001", "Ana", "oi", 100);
        message(jdbc, "wamid.M2", "BR.955550001", null, "BR.955550001", "Ana S", "tudo bem", 200);
        message(jdbc, "wamid.M3", "5511955550002", "5511955550002", null, "Bo", "hello", 150);
        conversation(jdbc, "5511955550001", "5511955550001", "BR.955550001", "Ana", 100, 100, "wamid.M1", "oi", 1);
        conversation(jdbc, "BR.955550001", null, "BR.955550001", "Ana S", 200, 200, "wamid.M2", "tudo bem", 1);
        conversation(jdbc, "5511955550002", "5511955550002", null, "Bo", 150, 150, "wamid.M3", "hello", 1);
        jdbc.sql("""
                INSERT INTO whatsapp_message_status (message_id, status, status_rank, timestamp, waba_id, phone_number_id,
                        recipient_id, recipient_user_id, raw_payload, source_partition, source_offset, received_at)
                VALUES ('wamid.OUT1', 'read', 4, to_timestamp(300), 'WABA-M', 'PN-M', '5511955550003', 'BR.955550003', '{}', 0, 0, now())
                """).update();

        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();

        assertThat(jdbc.sql("SELECT message_id, contact_id FROM whatsapp_message ORDER BY message_id").query().listOfRows())
                .extracting(row -> row.get("message_id") + "→" + row.get("contact_id"))
                .containsExactly("wamid.M1→5511955550001", "wamid.M2→5511955550001", "wamid.M3→5511955550002");
        List<Map<String, Object>> conversations = jdbc.sql("""
                SELECT contact_id, message_count, contact_name, last_message_id, last_message_preview,
                       extract(epoch FROM first_message_at)::bigint AS first_at, extract(epoch FROM last_message_at)::bigint AS last_at
                  FROM whatsapp_conversation ORDER BY contact_id""").query().listOfRows();
        assertThat(conversations).hasSize(2);
        assertThat(conversations.get(0)).containsEntry("contact_id", "5511955550001").containsEntry("message_count", 2L)
                .containsEntry("contact_name", "Ana S").containsEntry("last_message_id", "wamid.M2")
                .containsEntry("last_message_preview", "tudo bem").containsEntry("first_at", 100L).containsEntry("last_at", 200L);
        assertThat(conversations.get(1)).containsEntry("contact_id", "5511955550002").containsEntry("message_count", 1L);
        assertThat(jdbc.sql("SELECT sum(message_count) FROM whatsapp_conversation").query(Long.class).single()).isEqualTo(3L);
        assertThat(jdbc.sql("SELECT waba_id || '/' || kind || ':' || value || '→' || contact_id FROM whatsapp_contact_identifier"
                + " ORDER BY kind, value").query(String.class).list()).containsExactly(
                        "WABA-M/user_id:BR.955550001→5511955550001", "WABA-M/user_id:BR.955550003→5511955550003",
                        "WABA-M/wa_id:5511955550001→5511955550001", "WABA-M/wa_id:5511955550002→5511955550002",
                        "WABA-M/wa_id:5511955550003→5511955550003");
        assertThat(jdbc.sql("SELECT contact_id || ':' || key_kind || ':' || COALESCE(profile_name, '-') FROM whatsapp_contact"
                + " ORDER BY contact_id").query(String.class).list())
                .containsExactly("5511955550001:wa_id:Ana S", "5511955550002:wa_id:Bo", "5511955550003:wa_id:-");
        assertThat(jdbc.sql("SELECT count(*) FROM whatsapp_message WHERE source = 'live' AND NOT outbound").query(Long.class).single())
                .isEqualTo(3L);
    }

    private static void message(JdbcClient jdbc, String id, String contact, String from, String userId, String name,
            String text, long at) {
        jdbc.sql(INSERT_MESSAGE).param(id).param(contact).param(from).param(userId).param(name).param(text).param(at).update();
    }

    private static void conversation(JdbcClient jdbc, String contact, String waId, String userId, String name, long first,
            long last, String lastId, String preview, long count) {
        jdbc.sql(INSERT_CONVERSATION).param(contact).param(waId).param(userId).param(name).param(last).param(first)
                .param(last).param(lastId).param(preview).param(count).update();
    }
}
