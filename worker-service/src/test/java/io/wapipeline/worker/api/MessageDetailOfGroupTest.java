package io.wapipeline.worker.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.wapipeline.testsupport.Conformance;
import io.wapipeline.testsupport.Fixtures;
import io.wapipeline.testsupport.RequiresConformanceCorpus;
import io.wapipeline.worker.Webhooks;

/**
 * A message sent to a group: its statuses are stored and served per participant, and its detail says how far it got
 * among them ("read by 3 of 5"); a one-to-one message's detail is as it was.
 */
class MessageDetailOfGroupTest extends ApiIntegrationTest {

    private static final long T = 1_778_000_400L;
    private static final String FIXTURE_GROUP = "120363025246125888@g.us";

    private static final String ROWS = """
            SELECT status, status_rank, extract(epoch FROM timestamp)::bigint AS at, waba_id, phone_number_id,
                   recipient_id, recipient_user_id, recipient_type, recipient_parent_user_id, participant_id,
                   participant_user_id, participant_parent_user_id, participant_key
              FROM whatsapp_message_status WHERE message_id = ? ORDER BY participant_key
            """;

    @Test
    void theFixturesThreeParticipantsReadsAreThreeRowsAndTheDetailShowsAllThree() {
        String messageId = "wamid.GROUP-DETAIL-" + unique("fixture");
        publish(Fixtures.text("status-group-read.json").replace("wamid.GROUP-OUT-0001", messageId));
        awaitStatuses(messageId, 3);

        assertThat(jdbc.sql(ROWS).param(messageId).query().listOfRows()).containsExactly(
                row(T + 1, FIXTURE_GROUP, "5511977778888", "BR.48151623420077", null, "5511977778888"),
                row(T + 2, FIXTURE_GROUP, "5511977779999", "BR.48151623420078", null, "5511977779999"),
                row(T + 3, FIXTURE_GROUP, null, "BR.48151623420079", "BR.ENT.9900000000000079", "BR.48151623420079"));

        Map<String, Object> detail = ok("/api/whatsapp/messages/" + messageId);
        List<Map<String, Object>> statuses = statuses(detail);
        assertThat(statuses).hasSize(3);
        assertThat(statuses.get(0)).containsOnlyKeys("status", "timestamp", "businessPhoneNumberId", "recipientId",
                "recipientUserId", "recipientType", "recipientParentUserId", "participantId", "participantUserId",
                "participantParentUserId", "conversationId", "conversationOrigin", "conversationExpiresAt", "pricingBillable",
                "pricingModel", "pricingCategory", "pricingType", "bizOpaqueCallbackData", "errors", "receivedAt");
        assertThat(statuses).map(MessageDetailOfGroupTest::participantEntry).containsExactly(
                entry("read", T + 1, FIXTURE_GROUP, "group", "5511977778888", "BR.48151623420077", null),
                entry("read", T + 2, FIXTURE_GROUP, "group", "5511977779999", "BR.48151623420078", null),
                entry("read", T + 3, FIXTURE_GROUP, "group", null, "BR.48151623420079", "BR.ENT.9900000000000079"));
        assertThat(statuses).allSatisfy(status -> assertThat(status).containsEntry("conversationId", null)
                .containsEntry("pricingBillable", null).containsEntry("errors", null)
                .hasEntrySatisfying("receivedAt", receivedAt -> assertThat(receivedAt).isNotNull()));
        assertThat(object(detail.get("currentStatus"))).containsOnlyKeys("status", "statusAt", "recipientId",
                "recipientUserId", "recipientType", "failedAt", "lastUpdateAt", "participants")
                .containsEntry("status", "read")
                .containsEntry("statusAt", at(T + 1))
                .containsEntry("recipientId", FIXTURE_GROUP)
                .containsEntry("recipientUserId", null)
                .containsEntry("recipientType", "group")
                .containsEntry("failedAt", null)
                .containsEntry("lastUpdateAt", at(T + 3))
                .containsEntry("participants", Map.of("total", 3, "byStatus", Map.of("read", 3)));
    }

    @Test
    void aGroupMessageDeliveredToFiveAndReadByThreeSaysReadByThreeOfFive() {
        String group = unique("group") + "@g.us";
        String messageId = "wamid.GROUP-DETAIL-" + unique("five");
        List<String> items = new ArrayList<>();
        for (int participant = 1; participant <= 5; participant++) {
            items.add(Webhooks.groupStatusItem(messageId, "delivered", group, "55119777700" + participant, null, T + participant));
        }
        for (int participant = 1; participant <= 3; participant++) {
            items.add(Webhooks.groupStatusItem(messageId, "read", group, "55119777700" + participant, null, T + 10 + participant));
        }
        publish(Webhooks.statuses(items.subList(0, 4)));
        publish(Webhooks.statuses(items.subList(4, 8)));
        awaitStatuses(messageId, 8);

        Map<String, Object> current = object(ok("/api/whatsapp/messages/" + messageId).get("currentStatus"));

        assertThat(current).containsEntry("status", "read").containsEntry("statusAt", at(T + 11))
                .containsEntry("recipientId", group).containsEntry("recipientType", "group")
                .containsEntry("lastUpdateAt", at(T + 13));
        Map<String, Object> participants = object(current.get("participants"));
        assertThat(participants).isEqualTo(Map.of("total", 5, "byStatus", Map.of("delivered", 5, "read", 3)));
        assertThat(object(participants.get("byStatus")).keySet()).as("in order of precedence").containsExactly("delivered", "read");
    }

    @Test
    void aParticipantsFailureStaysVisibleAndALateSentHidesNothing() {
        String group = unique("group") + "@g.us";
        String messageId = "wamid.GROUP-DETAIL-" + unique("failed");
        publish(Webhooks.statuses(List.of(Webhooks.groupStatusItem(messageId, "delivered", group, "5511977771001", null, T + 3))));
        publish(Webhooks.statuses(List.of("""
                {"id":"%s","status":"failed","timestamp":"%d","recipient_id":"%s","recipient_type":"group",
                 "recipient_participant_id":"5511977771002","errors":[{"code":131026,"title":"Message undeliverable"}]}"""
                .formatted(messageId, T + 2, group))));
        publish(Webhooks.statuses(List.of(Webhooks.groupStatusItem(messageId, "sent", group, "5511977771002", null, T),
                Webhooks.groupStatusItem(messageId, "sent", group, "5511977771003", null, T + 9))));
        awaitStatuses(messageId, 4);

        Map<String, Object> detail = ok("/api/whatsapp/messages/" + messageId);

        assertThat(statuses(detail)).map(status -> status.get("status") + " " + status.get("participantId")).containsExactly(
                "sent 5511977771002", "failed 5511977771002", "delivered 5511977771001", "sent 5511977771003");
        assertThat(object(detail.get("currentStatus"))).containsEntry("status", "delivered")
                .containsEntry("statusAt", at(T + 3)).containsEntry("failedAt", at(T + 2))
                .containsEntry("lastUpdateAt", at(T + 9))
                .containsEntry("participants", Map.of("total", 3, "byStatus", Map.of("sent", 2, "failed", 1, "delivered", 1)));
    }

    @Test
    void aOneToOneMessageNamesNoParticipantAndHasNoParticipantCounts() {
        String recipient = unique("recipient");
        String messageId = "wamid.ONE-DETAIL-" + recipient;
        publish(ApiWebhooks.statuses(unique("pn"), ApiWebhooks.status(messageId, "read", T + 60, recipient),
                ApiWebhooks.status(messageId, "sent", T, recipient)));
        awaitStatuses(messageId, 2);

        Map<String, Object> detail = ok("/api/whatsapp/messages/" + messageId);

        assertThat(statuses(detail)).map(MessageDetailOfGroupTest::participantEntry).containsExactly(
                entry("sent", T, recipient, null, null, null, null), entry("read", T + 60, recipient, null, null, null, null));
        assertThat(object(detail.get("currentStatus"))).containsEntry("status", "read").containsEntry("recipientId", recipient)
                .containsEntry("recipientType", null).containsEntry("participants", null);
    }

    @Test
    @RequiresConformanceCorpus
    void pywasGroupStatusIsStoredWithItsParticipantAndReadBack() {
        Conformance.Case group = Conformance.cases().stream()
                .filter(file -> file.name().equals("pywa/message_status__group.json")).findFirst().orElseThrow();
        String messageId = "wamid.GROUP-DETAIL-" + unique("pywa");
        publish(new String(group.body(), StandardCharsets.UTF_8).replace("<WHATSAPP_MESSAGE_ID>", messageId));
        awaitStatuses(messageId, 1);

        assertThat(jdbc.sql(ROWS).param(messageId).query().listOfRows()).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("status", "read").containsEntry("at", 1_698_266_945L)
                .containsEntry("waba_id", "<WHATSAPP_BUSINESS_ACCOUNT_ID>")
                .containsEntry("phone_number_id", "<BUSINESS_PHONE_NUMBER_ID>")
                .containsEntry("recipient_id", "fowefinoewcnw").containsEntry("recipient_user_id", null)
                .containsEntry("recipient_type", "group").containsEntry("recipient_parent_user_id", null)
                .containsEntry("participant_id", "<GROUP_PARTICIPANT_USER_PHONE_NUMBER>")
                .containsEntry("participant_user_id", "US.123456")
                .containsEntry("participant_parent_user_id", "<PARENT_BSUID>")
                .containsEntry("participant_key", "<GROUP_PARTICIPANT_USER_PHONE_NUMBER>"));
        Map<String, Object> detail = ok("/api/whatsapp/messages/" + messageId);
        assertThat(statuses(detail)).map(MessageDetailOfGroupTest::participantEntry)
                .containsExactly(entry("read", 1_698_266_945L, "fowefinoewcnw", "group", "<GROUP_PARTICIPANT_USER_PHONE_NUMBER>",
                        "US.123456", "<PARENT_BSUID>"));
        assertThat(object(detail.get("currentStatus"))).containsEntry("status", "read")
                .containsEntry("participants", Map.of("total", 1, "byStatus", Map.of("read", 1)));
    }

    private static Map<String, Object> row(long at, String group, String participantId, String participantUserId,
            String participantParentUserId, String key) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("status", "read");
        row.put("status_rank", 4);
        row.put("at", at);
        row.put("waba_id", "102290129340398");
        row.put("phone_number_id", "106540352242922");
        row.put("recipient_id", group);
        row.put("recipient_user_id", null);
        row.put("recipient_type", "group");
        row.put("recipient_parent_user_id", null);
        row.put("participant_id", participantId);
        row.put("participant_user_id", participantUserId);
        row.put("participant_parent_user_id", participantParentUserId);
        row.put("participant_key", key);
        return row;
    }

    /** What a status entry says of whom it reports on. */
    private static Map<String, Object> participantEntry(Map<String, Object> status) {
        Map<String, Object> named = new LinkedHashMap<>();
        for (String field : List.of("status", "timestamp", "recipientId", "recipientType", "participantId", "participantUserId",
                "participantParentUserId")) {
            named.put(field, status.get(field));
        }
        return named;
    }

    private static Map<String, Object> entry(String status, long at, String recipientId, String recipientType,
            String participantId, String participantUserId, String participantParentUserId) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("status", status);
        entry.put("timestamp", at(at));
        entry.put("recipientId", recipientId);
        entry.put("recipientType", recipientType);
        entry.put("participantId", participantId);
        entry.put("participantUserId", participantUserId);
        entry.put("participantParentUserId", participantParentUserId);
        return entry;
    }

    private static String at(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).toString();
    }

    private static List<Map<String, Object>> statuses(Map<String, Object> detail) {
        return ((List<?>) detail.get("statuses")).stream().map(ApiIntegrationTest::object).toList();
    }
}
