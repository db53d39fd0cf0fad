package io.wapipeline.worker.api;

import static io.wapipeline.worker.api.ApiWebhooks.T;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MessageDetailTest extends ApiIntegrationTest {

    @ParameterizedTest
    @ValueSource(strings = { "", "/" })
    void inboundMessageShowsItsFieldsAndRawPayload(String trailingSlash) {
        String business = unique("pn");
        String contact = unique("contact");
        String messageId = "wamid." + contact;
        publish(ApiWebhooks.messages(business, contact, "Ana", ApiWebhooks.text(messageId, contact, T + 5, "hello there")));
        awaitMessages(business, 1);

        Map<String, Object> detail = ok("/api/whatsapp/messages/" + messageId + trailingSlash);

        assertThat(detail).containsOnlyKeys("messageId", "businessPhoneNumberId", "contactId", "from", "fromUserId",
                "contactName", "type", "text", "caption", "timestamp", "replyToMessageId", "reaction", "location",
                "media", "receivedAt", "editedMessageId", "revokedMessageId", "edited", "editedAt", "deleted", "deletedAt",
                "contentHidden", "source", "outbound", "groupId", "historyStatus", "versions", "direction", "rawPayload",
                "currentStatus", "statuses");
        assertThat(detail).containsEntry("messageId", messageId)
                .containsEntry("source", "live")
                .containsEntry("outbound", false)
                .containsEntry("businessPhoneNumberId", business)
                .containsEntry("contactId", contact)
                .containsEntry("from", contact)
                .containsEntry("contactName", "Ana")
                .containsEntry("type", "text")
                .containsEntry("text", "hello there")
                .containsEntry("timestamp", Instant.ofEpochSecond(T + 5).toString())
                .containsEntry("editedMessageId", null)
                .containsEntry("revokedMessageId", null)
                .containsEntry("edited", false)
                .containsEntry("editedAt", null)
                .containsEntry("deleted", false)
                .containsEntry("deletedAt", null)
                .containsEntry("contentHidden", null)
                .containsEntry("versions", List.of())
                .containsEntry("direction", "inbound")
                .containsEntry("currentStatus", null)
                .containsEntry("statuses", List.of());
        assertThat(detail.get("receivedAt")).isNotNull();
        Map<String, Object> raw = object(detail.get("rawPayload"));
        assertThat(raw).containsEntry("id", messageId)
                .containsEntry("from", contact)
                .containsEntry("timestamp", String.valueOf(T + 5))
                .containsEntry("type", "text");
        assertThat(object(raw.get("text"))).containsEntry("body", "hello there");
    }

    @Test
    void messageIdWithSlashAndPlusIsFoundByItsEncodedId() {
        String business = unique("pn");
        String contact = unique("contact");
        String messageId = "wamid.HBgLMzM2MTIz/NDAx+MzUVAgASGBQ1" + contact + "/QA==";
        publish(ApiWebhooks.messages(business, contact, "Ana", ApiWebhooks.text(messageId, contact, T + 5, "slash")));
        awaitMessages(business, 1);

        Map<String, Object> detail = ok("/api/whatsapp/messages/" + URLEncoder.encode(messageId, StandardCharsets.UTF_8));

        assertThat(detail).containsEntry("messageId", messageId).containsEntry("text", "slash");
    }

    @Test
    void outboundMessageShowsItsStatusHistoryOldestFirstAndItsCurrentStatus() {
        String business = unique("pn");
        String recipient = unique("recipient");
        String messageId = "wamid." + recipient;
        publish(ApiWebhooks.statuses(business, ApiWebhooks.status(messageId, "read", T + 60, recipient)));
        publish(ApiWebhooks.statuses(business, ApiWebhooks.status(messageId, "delivered", T + 1, recipient),
                ApiWebhooks.pricedStatus(messageId, "sent", T, recipient)));
        awaitStatuses(messageId, 3);

        Map<String, Object> detail = ok("/api/whatsapp/messages/" + messageId + "/");

        assertThat(detail).containsEntry("messageId", messageId)
                .containsEntry("direction", "outbound")
                .containsEntry("businessPhoneNumberId", null)
                .containsEntry("contactId", null)
                .containsEntry("type", null)
                .containsEntry("text", null)
                .containsEntry("timestamp", null)
                .containsEntry("edited", false)
                .containsEntry("deleted", false)
                .containsEntry("versions", List.of())
                .containsEntry("rawPayload", null);
        List<Map<String, Object>> statuses = statuses(detail);
        assertThat(field(statuses, "status")).containsExactly("sent", "delivered", "read");
        assertThat(field(statuses, "timestamp")).containsExactly(Instant.ofEpochSecond(T).toString(),
                Instant.ofEpochSecond(T + 1).toString(), Instant.ofEpochSecond(T + 60).toString());
        Map<String, Object> sent = statuses.get(0);
        assertThat(sent).containsEntry("businessPhoneNumberId", business)
                .containsEntry("recipientId", recipient)
                .containsEntry("recipientUserId", null)
                .containsEntry("conversationId", "CONV-API")
                .containsEntry("conversationOrigin", "utility")
                .containsEntry("conversationExpiresAt", Instant.ofEpochSecond(T + 86_400).toString())
                .containsEntry("pricingBillable", true)
                .containsEntry("pricingModel", "PMP")
                .containsEntry("pricingCategory", "utility")
                .containsEntry("pricingType", "regular")
                .containsEntry("bizOpaqueCallbackData", "order-17")
                .containsEntry("errors", null);
        assertThat(sent.get("receivedAt")).isNotNull();
        assertThat(statuses.get(2)).containsEntry("conversationId", null).containsEntry("pricingBillable", null);
        assertThat(object(detail.get("currentStatus"))).containsOnlyKeys("status", "statusAt", "recipientId",
                "recipientUserId", "recipientType", "failedAt", "lastUpdateAt", "participants")
                .containsEntry("status", "read")
                .containsEntry("statusAt", Instant.ofEpochSecond(T + 60).toString())
                .containsEntry("recipientId", recipient)
                .containsEntry("recipientType", null)
                .containsEntry("failedAt", null)
                .containsEntry("lastUpdateAt", Instant.ofEpochSecond(T + 60).toString())
                .containsEntry("participants", null);
    }

    @Test
    void failureStaysVisibleWhenAnotherDeviceReportsDelivery() {
        String business = unique("pn");
        String recipient = unique("recipient");
        String messageId = "wamid." + recipient;
        publish(ApiWebhooks.statuses(business, ApiWebhooks.status(messageId, "delivered", T + 9, recipient),
                ApiWebhooks.failedStatus(messageId, T + 7, recipient), ApiWebhooks.status(messageId, "sent", T + 7, recipient)));
        awaitStatuses(messageId, 3);

        Map<String, Object> detail = ok("/api/whatsapp/messages/" + messageId);

        List<Map<String, Object>> statuses = statuses(detail);
        assertThat(field(statuses, "status")).as("same second: in order of precedence").containsExactly("sent", "failed", "delivered");
        List<?> errors = (List<?>) statuses.get(1).get("errors");
        assertThat(object(errors.get(0))).containsEntry("code", 131026).containsEntry("title", "Message undeliverable");
        assertThat(object(detail.get("currentStatus"))).containsEntry("status", "delivered")
                .containsEntry("failedAt", Instant.ofEpochSecond(T + 7).toString())
                .containsEntry("lastUpdateAt", Instant.ofEpochSecond(T + 9).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "/" })
    void idWithNeitherMessageNorStatusIsNotFound(String trailingSlash) {
        HttpResponse<String> response = get("/api/whatsapp/messages/wamid." + unique("nothing") + trailingSlash);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        Map<String, Object> problem = json(response);
        assertThat(problem).containsEntry("status", 404)
                .containsEntry("title", "Not Found")
                .containsEntry("detail", "no message and no status has this id");
        assertThat(problem.get("requestId")).asString().isNotBlank();
    }

    private static List<Map<String, Object>> statuses(Map<String, Object> detail) {
        return ((List<?>) detail.get("statuses")).stream().map(ApiIntegrationTest::object).toList();
    }
}
