package io.wapipeline.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.wapipeline.worker.Webhooks;
import io.wapipeline.worker.WorkerIntegrationTest;
import io.wapipeline.worker.api.ConversationQueries;
import io.wapipeline.worker.api.OutboundMessage;

/**
 * A group message's statuses are kept per participant, with the same rules as one-to-one ones: whatever the arrival
 * order and however often Meta delivers them, the rows are the same, and a repeated report keeps the earliest. The
 * messages sent to a group are listed once each, however many participants reported on them.
 */
class StatusPerParticipantTest extends WorkerIntegrationTest {

    private static final long T = 1_778_100_000L;
    private static final String ANA = "5511977770001";
    private static final String BEN = "5511977770002";

    /** Whatever the message, its rows as they must be equal: the message id left out of the raw item. */
    private static final String ROWS = """
            SELECT status, status_rank, extract(epoch FROM timestamp)::bigint AS at, waba_id, phone_number_id,
                   recipient_id, recipient_user_id, recipient_type, recipient_parent_user_id, participant_id,
                   participant_user_id, participant_parent_user_id, participant_key,
                   replace(raw_payload::text, message_id, 'ID') AS raw
              FROM whatsapp_message_status WHERE message_id = ? ORDER BY status, participant_key
            """;

    @Autowired
    private ConversationQueries conversations;

    /** Ana's delivery and read, Ben's delivery reported twice: the later report arrives first in half the orders. */
    private static List<String> statuses(String messageId, String group) {
        return List.of(
                Webhooks.groupStatusItem(messageId, "delivered", group, ANA, "BR.ANA", T + 1),
                Webhooks.groupStatusItem(messageId, "read", group, ANA, "BR.ANA", T + 5),
                Webhooks.groupStatusItem(messageId, "delivered", group, BEN, null, T + 3),
                Webhooks.groupStatusItem(messageId, "delivered", group, BEN, null, T + 2));
    }

    @Test
    void groupStatusesInEveryArrivalOrderAndRedeliveredLeaveTheSameRows() {
        String group = "1203630" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "@g.us";
        String prefix = "wamid.PARTICIPANT-ORDER-" + UUID.randomUUID() + "-";
        List<List<Integer>> orders = permutations(List.of(0, 1, 2, 3));
        List<String> bodies = new ArrayList<>();
        for (int order = 0; order < orders.size(); order++) {
            List<String> items = statuses(prefix + order, group);
            List<String> arrival = orders.get(order).stream().map(items::get).toList();
            if (order % 2 == 0) {
                arrival.forEach(item -> bodies.add(Webhooks.statuses(List.of(item))));
            }
            else {
                bodies.add(Webhooks.statuses(arrival));
            }
        }
        bodies.forEach(WorkerIntegrationTest::publish);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_message_status WHERE message_id LIKE ?",
                prefix + "%") == 3L * orders.size());
        List<List<Map<String, Object>>> firstDelivery = rowsOfEach(prefix, orders.size());
        List<Map<String, Object>> storedFirst = everyColumnOf(prefix);

        bodies.forEach(WorkerIntegrationTest::publish);
        String marker = prefix + "MARKER";
        publish(Webhooks.statuses(List.of(Webhooks.groupStatusItem(marker, "sent", group, ANA, null, T + 9))));
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_message_status WHERE message_id = ?", marker) == 1);

        assertThat(firstDelivery.get(0)).containsExactly(
                row("delivered", 3, T + 1, group, ANA, "BR.ANA", ANA),
                row("delivered", 3, T + 2, group, BEN, null, BEN),
                row("read", 4, T + 5, group, ANA, "BR.ANA", ANA));
        assertThat(firstDelivery).as("every arrival order").allSatisfy(rows -> assertThat(rows).isEqualTo(firstDelivery.get(0)));
        assertThat(everyColumnOf(prefix)).as("redelivered: every column of every row, offsets included")
                .hasSize(3 * orders.size()).isEqualTo(storedFirst);
    }

    @Test
    void aOneToOneStatusHasTheEmptyParticipantKeyAndStaysOneRowPerStatus() {
        String messageId = "wamid.PARTICIPANT-ONE-" + UUID.randomUUID();
        String recipient = "5511977770009";
        publish(Webhooks.statuses(List.of(Webhooks.statusItem(messageId, "delivered", recipient, T + 3),
                Webhooks.statusItem(messageId, "delivered", recipient, T + 2), Webhooks.statusItem(messageId, "sent", recipient, T))));
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_message_status WHERE message_id = ?", messageId) == 2);

        List<Map<String, Object>> rows = jdbc.sql(ROWS).param(messageId).query().listOfRows();

        assertThat(rows).extracting(row -> row.get("status"), row -> row.get("at"), row -> row.get("recipient_type"),
                row -> row.get("participant_id"), row -> row.get("participant_user_id"),
                row -> row.get("participant_parent_user_id"), row -> row.get("participant_key"))
                .containsExactly(tuple("delivered", T + 2, null, null, null, null, ""),
                        tuple("sent", T, null, null, null, null, ""));
        assertThat(row("SELECT status, participants FROM whatsapp_message_current_status WHERE message_id = ?", messageId))
                .containsEntry("status", "delivered").containsEntry("participants", 0L);
    }

    @Test
    void theMessagesSentToAGroupAreCountedByMessageNotByTheirParticipantsStatuses() {
        String group = "1203631" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "@g.us";
        String prefix = "wamid.PARTICIPANT-OUTBOUND-" + UUID.randomUUID() + "-";
        for (int message = 0; message < 4; message++) {
            List<String> items = new ArrayList<>();
            for (int participant = 0; participant < 70; participant++) {
                items.add(Webhooks.groupStatusItem(prefix + message, "delivered", group, "55119888" + (1000 + participant), null,
                        T + message * 100 + participant));
            }
            publish(Webhooks.statuses(items));
        }
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_message_status WHERE message_id LIKE ?",
                prefix + "%") == 280);

        List<OutboundMessage> sent = conversations.outbound(group, 200);

        assertThat(sent).as("280 statuses of 4 messages: the newest 200 statuses are of 3 of them, the limit counts messages")
                .containsExactly(outbound(prefix + 3, T + 300), outbound(prefix + 2, T + 200), outbound(prefix + 1, T + 100),
                        outbound(prefix + 0, T));
        assertThat(conversations.outbound(group, 2)).containsExactly(outbound(prefix + 3, T + 300), outbound(prefix + 2, T + 200));
    }

    private static OutboundMessage outbound(String messageId, long firstStatusAt) {
        return new OutboundMessage(messageId, java.time.Instant.ofEpochSecond(firstStatusAt), "delivered");
    }

    private List<List<Map<String, Object>>> rowsOfEach(String prefix, int messages) {
        List<List<Map<String, Object>>> rows = new ArrayList<>();
        for (int order = 0; order < messages; order++) {
            rows.add(jdbc.sql(ROWS).param(prefix + order).query().listOfRows());
        }
        return rows;
    }

    /** Every column, as text, of the rows of the messages with this prefix (the marker's left out). */
    private List<Map<String, Object>> everyColumnOf(String prefix) {
        return jdbc.sql("""
                SELECT to_jsonb(s)::text AS row FROM whatsapp_message_status s
                 WHERE message_id LIKE ? AND message_id NOT LIKE '%MARKER'
                 ORDER BY message_id, status, participant_key""").param(prefix + "%").query().listOfRows();
    }

    private static Map<String, Object> row(String status, int rank, long at, String group, String participantId,
            String participantUserId, String key) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("status", status);
        row.put("status_rank", rank);
        row.put("at", at);
        row.put("waba_id", "WABA-TEST");
        row.put("phone_number_id", Webhooks.BUSINESS);
        row.put("recipient_id", group);
        row.put("recipient_user_id", null);
        row.put("recipient_type", "group");
        row.put("recipient_parent_user_id", null);
        row.put("participant_id", participantId);
        row.put("participant_user_id", participantUserId);
        row.put("participant_parent_user_id", null);
        row.put("participant_key", key);
        row.put("raw", raw(status, at, group, participantId, participantUserId));
        return row;
    }

    /** The raw item as jsonb prints it, the message id written as ID. */
    private static String raw(String status, long at, String group, String participantId, String participantUserId) {
        return "{\"id\": \"ID\", \"status\": \"" + status + "\", \"timestamp\": \"" + at + "\", \"recipient_id\": \"" + group
                + "\", \"recipient_type\": \"group\", \"recipient_participant_id\": \"" + participantId + "\""
                + (participantUserId == null ? "" : ", \"recipient_participant_user_id\": \"" + participantUserId + "\"") + "}";
    }

    private static List<List<Integer>> permutations(List<Integer> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<Integer>> all = new ArrayList<>();
        for (Integer first : items) {
            List<Integer> rest = new ArrayList<>(items);
            rest.remove(first);
            for (List<Integer> tail : permutations(rest)) {
                List<Integer> order = new ArrayList<>(List.of(first));
                order.addAll(tail);
                all.add(order);
            }
        }
        return all;
    }
}
