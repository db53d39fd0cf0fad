package io.wapipeline.traffic.compose;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.random.RandomGenerator;

import tools.jackson.databind.node.ObjectNode;

/**
 * The statuses Meta reports for one message the business sent, shaped like test-support's {@code statuses.json} and
 * {@code status-failed.json}: sent, delivered and read, with conversation and pricing on sent and delivered; or, now
 * and then, sent and then failed with an error. Timestamps tell the true order and end at the given time, so no
 * status lies in the future.
 */
final class OutboundStatuses {

    private static final int FAILURES_PER_HUNDRED = 5;
    private static final long DAY_SECONDS = 86_400;
    private static final String ERROR_CODES_PAGE =
            "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/";
    private static final List<String> CATEGORIES = List.of("utility", "marketing", "service", "authentication");
    private static final List<Failure> FAILURES = List.of(
            new Failure(131026, "Message undeliverable", "Message Undeliverable."),
            new Failure(131047, "Re-engagement message",
                    "Message failed to send because more than 24 hours have passed since the customer last replied."));

    private final String runId;
    private final RandomGenerator random;

    OutboundStatuses(String runId, RandomGenerator random) {
        this.runId = runId;
        this.random = random;
    }

    /** The statuses of {@code messageId}, in their true order, the last one at {@code now}. */
    List<SimulatedItem> of(String messageId, Contact recipient, long now) {
        List<ObjectNode> statuses = random.nextInt(100) < FAILURES_PER_HUNDRED
                ? failed(messageId, recipient, now)
                : read(messageId, recipient, now);
        return statuses.stream().map(json -> SimulatedItem.status(messageId, recipient, json)).toList();
    }

    private List<ObjectNode> read(String messageId, Contact recipient, long readAt) {
        long deliveredAt = readAt - 5 - random.nextInt(115);
        long sentAt = deliveredAt - 1 - random.nextInt(3);
        String category = category();
        ObjectNode sent = billed(status(messageId, "sent", sentAt, recipient), recipient, category, sentAt + DAY_SECONDS);
        ObjectNode delivered = billed(status(messageId, "delivered", deliveredAt, recipient), recipient, category, null);
        return List.of(sent, delivered, status(messageId, "read", readAt, recipient));
    }

    private List<ObjectNode> failed(String messageId, Contact recipient, long failedAt) {
        long sentAt = failedAt - 1 - random.nextInt(30);
        ObjectNode sent = billed(status(messageId, "sent", sentAt, recipient), recipient, category(), sentAt + DAY_SECONDS);
        ObjectNode failed = status(messageId, "failed", failedAt, recipient);
        Failure failure = FAILURES.get(random.nextInt(FAILURES.size()));
        ObjectNode error = failed.putArray("errors").addObject().put("code", failure.code()).put("title", failure.title())
                .put("message", failure.title());
        error.putObject("error_data").put("details", failure.details());
        error.put("href", ERROR_CODES_PAGE);
        return List.of(sent, failed);
    }

    private String category() {
        return CATEGORIES.get(random.nextInt(CATEGORIES.size()));
    }

    private static ObjectNode status(String messageId, String status, long timestamp, Contact recipient) {
        return MetaJson.object().put("id", messageId).put("status", status).put("timestamp", Long.toString(timestamp))
                .put("recipient_id", recipient.waId());
    }

    /**
     * Service conversations are free under per-message pricing; the others are billed. Only the status that opens the
     * conversation tells when it expires.
     */
    private ObjectNode billed(ObjectNode status, Contact recipient, String category, Long expiresAt) {
        ObjectNode conversation = status.putObject("conversation").put("id", conversationId(recipient));
        if (expiresAt != null) {
            conversation.put("expiration_timestamp", Long.toString(expiresAt));
        }
        conversation.putObject("origin").put("type", category);
        boolean free = "service".equals(category);
        status.putObject("pricing").put("billable", !free).put("pricing_model", "PMP").put("category", category)
                .put("type", free ? "free_customer_service" : "regular");
        return status;
    }

    /** 32 hex digits like Meta's, one per contact and run. */
    private String conversationId(Contact recipient) {
        byte[] name = (runId + "/" + recipient.waId()).getBytes(StandardCharsets.UTF_8);
        return UUID.nameUUIDFromBytes(name).toString().replace("-", "");
    }

    private record Failure(int code, String title, String details) {
    }
}
