package io.wapipeline.model.payload;

import static io.wapipeline.model.payload.Json.bool;
import static io.wapipeline.model.payload.Json.epochSeconds;
import static io.wapipeline.model.payload.Json.object;
import static io.wapipeline.model.payload.Json.raw;
import static io.wapipeline.model.payload.Json.text;

import tools.jackson.databind.JsonNode;

/** Reads one {@code statuses[]} item into a {@link StatusReported}. */
final class StatusReader {

    private StatusReader() {
    }

    /**
     * The status.
     *
     * @throws UnreadableItemException when the item names no message or no status (it is kept as an unreadable event)
     */
    static StatusReported read(JsonNode item, Business business) {
        String messageId = text(item, "id");
        String status = text(item, "status");
        if (messageId == null || messageId.isBlank() || status == null || status.isBlank()) {
            throw new UnreadableItemException("a status names no message id or no status");
        }
        JsonNode conversation = object(item, "conversation");
        JsonNode pricing = object(item, "pricing");
        return new StatusReported(business, messageId, status, epochSeconds(item, "timestamp"),
                text(item, "recipient_id"), text(item, "recipient_user_id"), text(conversation, "id"),
                text(object(conversation, "origin"), "type"), epochSeconds(conversation, "expiration_timestamp"),
                bool(pricing, "billable"), text(pricing, "pricing_model"), text(pricing, "category"),
                text(pricing, "type"), text(item, "biz_opaque_callback_data"), raw(item.get("errors")), raw(item),
                text(item, "recipient_type"), text(item, "parent_recipient_user_id"),
                new PersonIds(text(item, "recipient_participant_id"), text(item, "recipient_participant_user_id"),
                        text(item, "recipient_participant_parent_user_id")));
    }

    /** A call's status ({@code type: "call"}, or a {@code wacid.} id): it reports on a call, not on a message. */
    static boolean isCall(JsonNode item) {
        String id = text(item, "id");
        return "call".equals(text(item, "type")) || (id != null && id.startsWith("wacid."));
    }
}
