package io.wapipeline.worker.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.wapipeline.testsupport.TestPostgres;

/**
 * V10 keys the status history by participant: rows stored at version 7 are carried over field by field, their
 * participant read from the item as Meta sent it, and the current status is still one row per message.
 */
class StatusPerParticipantMigrationTest {

    private static final String INSERT = """
            INSERT INTO whatsapp_message_status (message_id, status, status_rank, timestamp, waba_id, phone_number_id,
                   recipient_id, recipient_user_id, conversation_id, conversation_origin, conversation_expires_at,
                   pricing_billable, pricing_model, pricing_category, pricing_type, biz_opaque_callback_data, errors,
                   raw_payload, source_partition, source_offset, received_at)
            VALUES (?, ?, ?, ?::timestamptz, 'WABA-V7', 'PN-V7', ?, ?, ?, 'utility', '2026-05-02T00:00:00Z', ?, 'PMP',
                    'utility', 'regular', ?, ?::jsonb, ?::jsonb, 3, ?, '2026-05-01T10:00:05Z')
            """;

    private static final String COLUMNS_OF_V7 = """
            SELECT message_id, status, status_rank, timestamp, waba_id, phone_number_id, recipient_id, recipient_user_id,
                   conversation_id, conversation_origin, conversation_expires_at, pricing_billable, pricing_model,
                   pricing_category, pricing_type, biz_opaque_callback_data, errors::text AS errors,
                   raw_payload::text AS raw_payload, source_partition, source_offset, received_at
              FROM whatsapp_message_status ORDER BY message_id, status
            """;

    private static final String COLUMNS_OF_V10 = """
            SELECT message_id, status, recipient_type, recipient_parent_user_id, participant_id, participant_user_id,
                   participant_parent_user_id, participant_key
              FROM whatsapp_message_status ORDER BY message_id, status
            """;

    @Test
    void statusRowsOfVersion7AreCarriedOverFieldByFieldWithTheirParticipant() {
        DriverManagerDataSource database = new DriverManagerDataSource(TestPostgres.newDatabase());
        JdbcClient jdbc = JdbcClient.create(database);
        flyway(database).target("7").load().migrate();
        insertStatusesOfVersion7(jdbc);
        List<Map<String, Object>> before = jdbc.sql(COLUMNS_OF_V7).query().listOfRows();
        assertThat(before).hasSize(5);

        flyway(database).load().migrate();

        assertThat(jdbc.sql(COLUMNS_OF_V7).query().listOfRows()).as("every column of version 7, row by row")
                .isEqualTo(before);
        assertThat(jdbc.sql(COLUMNS_OF_V10).query().listOfRows()).containsExactly(
                row("wamid.V7-GROUP", "delivered", "group", null, null, "BR.V7-ONLY-BSUID", null, "BR.V7-ONLY-BSUID"),
                row("wamid.V7-GROUP", "read", "group", null, "5511977778888", "BR.V7-READER", "BR.ENT.V7-READER",
                        "5511977778888"),
                row("wamid.V7-GROUP", "sent", "group", null, null, null, "BR.ENT.V7-PARENT-ONLY", "BR.ENT.V7-PARENT-ONLY"),
                row("wamid.V7-ONE", "delivered", null, null, null, null, null, ""),
                row("wamid.V7-ONE", "sent", "individual", "US.ENT.V7-PARENT", null, null, null, ""));
    }

    @Test
    void theCurrentStatusIsStillOneRowPerMessageAndAGroupsIsTheHighestAnyParticipantReached() {
        DriverManagerDataSource database = new DriverManagerDataSource(TestPostgres.newDatabase());
        JdbcClient jdbc = JdbcClient.create(database);
        flyway(database).target("7").load().migrate();
        insertStatusesOfVersion7(jdbc);

        flyway(database).load().migrate();

        assertThat(jdbc.sql("""
                SELECT message_id, status, extract(epoch FROM status_at)::bigint AS status_at, recipient_id, recipient_type,
                       failed_at, participants
                  FROM whatsapp_message_current_status ORDER BY message_id""").query().listOfRows())
                .containsExactly(
                        currentRow("wamid.V7-GROUP", "read", 1_777_629_609L, "120363025246125888@g.us", "group", 3L),
                        currentRow("wamid.V7-ONE", "delivered", 1_777_629_602L, "5511900000701", null, 0L));
        assertThat(jdbc.sql("""
                SELECT message_id, status, participants FROM whatsapp_message_participant_counts
                 ORDER BY message_id, status_rank""").query().listOfRows())
                .containsExactly(count("wamid.V7-GROUP", "sent", 1L), count("wamid.V7-GROUP", "delivered", 1L),
                        count("wamid.V7-GROUP", "read", 1L));
    }

    private static FluentConfiguration flyway(DriverManagerDataSource database) {
        return Flyway.configure().dataSource(database).locations("classpath:db/migration");
    }

    /** Two statuses of a one-to-one message and three of a group message, each group one for another participant. */
    private static void insertStatusesOfVersion7(JdbcClient jdbc) {
        insert(jdbc, "wamid.V7-ONE", "sent", 1, "2026-05-01T10:00:01Z", "5511900000701", "US.V7-ONE", "CONV-V7", true,
                "order-7", null, """
                {"id":"wamid.V7-ONE","status":"sent","timestamp":"1777629601","recipient_id":"5511900000701",
                 "recipient_user_id":"US.V7-ONE","recipient_type":"individual","parent_recipient_user_id":"US.ENT.V7-PARENT"}""",
                41);
        insert(jdbc, "wamid.V7-ONE", "delivered", 3, "2026-05-01T10:00:02Z", "5511900000701", null, null, null, null, null, """
                {"id":"wamid.V7-ONE","status":"delivered","timestamp":"1777629602","recipient_id":"5511900000701"}""", 42);
        insert(jdbc, "wamid.V7-GROUP", "sent", 1, "2026-05-01T10:00:07Z", "120363025246125888@g.us", null, null, false, null,
                null, """
                {"id":"wamid.V7-GROUP","status":"sent","timestamp":"1777629607","recipient_id":"120363025246125888@g.us",
                 "recipient_type":"group","recipient_participant_id":"   ",
                 "recipient_participant_parent_user_id":"BR.ENT.V7-PARENT-ONLY"}""", 43);
        insert(jdbc, "wamid.V7-GROUP", "delivered", 3, "2026-05-01T10:00:08Z", "120363025246125888@g.us", null, null, null,
                null, "[{\"code\":0}]", """
                {"id":"wamid.V7-GROUP","status":"delivered","timestamp":"1777629608","recipient_id":"120363025246125888@g.us",
                 "recipient_type":"group","recipient_participant_id":null,"recipient_participant_user_id":"BR.V7-ONLY-BSUID",
                 "errors":[{"code":0}]}""", 44);
        insert(jdbc, "wamid.V7-GROUP", "read", 4, "2026-05-01T10:00:09Z", "120363025246125888@g.us", null, null, null, null,
                null, """
                {"id":"wamid.V7-GROUP","status":"read","timestamp":"1777629609","recipient_id":"120363025246125888@g.us",
                 "recipient_type":"group","recipient_participant_id":5511977778888,"recipient_participant_user_id":"BR.V7-READER",
                 "recipient_participant_parent_user_id":"BR.ENT.V7-READER"}""", 45);
    }

    private static void insert(JdbcClient jdbc, String messageId, String status, int rank, String at, String recipientId,
            String recipientUserId, String conversationId, Boolean billable, String callbackData, String errors, String raw,
            long offset) {
        jdbc.sql(INSERT).params(messageId, status, rank, at, recipientId, recipientUserId, conversationId, billable,
                callbackData, errors, raw, offset).update();
    }

    private static Map<String, Object> row(String messageId, String status, String recipientType, String recipientParentUserId,
            String participantId, String participantUserId, String participantParentUserId, String participantKey) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("message_id", messageId);
        row.put("status", status);
        row.put("recipient_type", recipientType);
        row.put("recipient_parent_user_id", recipientParentUserId);
        row.put("participant_id", participantId);
        row.put("participant_user_id", participantUserId);
        row.put("participant_parent_user_id", participantParentUserId);
        row.put("participant_key", participantKey);
        return row;
    }

    private static Map<String, Object> currentRow(String messageId, String status, long statusAt, String recipientId,
            String recipientType, long participants) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("message_id", messageId);
        row.put("status", status);
        row.put("status_at", statusAt);
        row.put("recipient_id", recipientId);
        row.put("recipient_type", recipientType);
        row.put("failed_at", null);
        row.put("participants", participants);
        return row;
    }

    private static Map<String, Object> count(String messageId, String status, long participants) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("message_id", messageId);
        row.put("status", status);
        row.put("participants", participants);
        return row;
    }
}
