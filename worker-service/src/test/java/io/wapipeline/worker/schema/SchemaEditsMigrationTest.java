package io.wapipeline.worker.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.wapipeline.testsupport.TestPostgres;

/**
 * V11 on a database that already holds messages: edits stored before it name their original in
 * {@code edited_message_id}, other rows are left as they were, and the edit and revoke lookups have their indexes.
 */
class SchemaEditsMigrationTest {

    private static final String INSERT = """
            INSERT INTO whatsapp_message (message_id, phone_number_id, contact_id, message_type, text_body, revoked_message_id,
                                          timestamp, raw_payload, source_topic, source_partition, source_offset, received_at)
            VALUES (:id, 'PN-V11', '5511900001111', :type, :text, :revoked, '2026-05-05T10:00:00Z', CAST(:raw AS jsonb),
                    'whatsapp.webhooks.raw', 0, 1, '2026-05-05T10:00:01Z')
            """;

    @Test
    void editsStoredBeforeV11NameTheirOriginalAfterIt() {
        DriverManagerDataSource database = new DriverManagerDataSource(TestPostgres.newDatabase());
        migrate(database, "7");
        JdbcClient jdbc = JdbcClient.create(database);
        insert(jdbc, "wamid.V11-ORIGINAL", "text", "first words", null,
                "{\"id\":\"wamid.V11-ORIGINAL\",\"type\":\"text\",\"text\":{\"body\":\"first words\"}}");
        insert(jdbc, "wamid.V11-EDIT", "edit", "second words", null, """
                {"id":"wamid.V11-EDIT","type":"edit","edit":{"original_message_id":"wamid.V11-ORIGINAL",
                 "message":{"type":"text","text":{"body":"second words"}}}}""");
        insert(jdbc, "wamid.V11-EDIT-WITHOUT-ORIGINAL", "edit", null, null, "{\"id\":\"wamid.V11-EDIT-WITHOUT-ORIGINAL\",\"type\":\"edit\"}");
        insert(jdbc, "wamid.V11-REVOKE", "revoke", null, "wamid.V11-ORIGINAL",
                "{\"id\":\"wamid.V11-REVOKE\",\"type\":\"revoke\",\"revoke\":{\"original_message_id\":\"wamid.V11-ORIGINAL\"}}");

        migrate(database, "11");

        List<Map<String, Object>> rows = jdbc.sql("""
                SELECT message_id, message_type, text_body, edited_message_id, revoked_message_id
                  FROM whatsapp_message ORDER BY message_id""").query().listOfRows();
        assertThat(rows).containsExactly(
                row("wamid.V11-EDIT", "edit", "second words", "wamid.V11-ORIGINAL", null),
                row("wamid.V11-EDIT-WITHOUT-ORIGINAL", "edit", null, null, null),
                row("wamid.V11-ORIGINAL", "text", "first words", null, null),
                row("wamid.V11-REVOKE", "revoke", null, null, "wamid.V11-ORIGINAL"));
    }

    @Test
    void editAndRevokeLookupsHavePartialIndexes() {
        DriverManagerDataSource database = new DriverManagerDataSource(TestPostgres.newDatabase());
        migrate(database, "11");

        Map<String, String> indexes = JdbcClient.create(database).sql("""
                SELECT indexname, indexdef FROM pg_indexes
                 WHERE tablename = 'whatsapp_message' AND indexname IN ('whatsapp_message_edits', 'whatsapp_message_revokes')""")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(indexes).containsOnlyKeys("whatsapp_message_edits", "whatsapp_message_revokes");
        assertThat(indexes.get("whatsapp_message_edits"))
                .endsWith("USING btree (edited_message_id) WHERE (edited_message_id IS NOT NULL)");
        assertThat(indexes.get("whatsapp_message_revokes"))
                .endsWith("USING btree (revoked_message_id) WHERE (revoked_message_id IS NOT NULL)");
    }

    private static void migrate(DriverManagerDataSource database, String version) {
        Flyway.configure().dataSource(database).locations("classpath:db/migration").target(version).load().migrate();
    }

    private static void insert(JdbcClient jdbc, String id, String type, String text, String revoked, String raw) {
        jdbc.sql(INSERT).param("id", id).param("type", type).param("text", text).param("revoked", revoked).param("raw", raw)
                .update();
    }

    private static Map<String, Object> row(String id, String type, String text, String edited, String revoked) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("message_id", id);
        row.put("message_type", type);
        row.put("text_body", text);
        row.put("edited_message_id", edited);
        row.put("revoked_message_id", revoked);
        return row;
    }
}
