package io.wapipeline.worker.api;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One message with its delivery statuses. Statuses are reported for outbound messages, which have no message row:
 * those are shown with null message fields and {@code direction} {@code outbound}.
 */
public record MessageDetail(@JsonUnwrapped MessageItem message,
        @Schema(allowableValues = { "inbound", "outbound" }) String direction,
        @Schema(types = "object", description = "the messages[] item as Meta sent it") @JsonRawValue
        @Nullable String rawPayload,
        @Nullable CurrentStatus currentStatus, List<StatusEntry> statuses) {

    /** A stored inbound message and its raw {@code messages[]} item. */
    record Stored(MessageItem item, String rawPayload) {
    }

    static MessageDetail inbound(Stored stored, CurrentStatus currentStatus, List<StatusEntry> statuses) {
        String direction = Boolean.TRUE.equals(stored.item().outbound()) ? "outbound" : "inbound";
        return new MessageDetail(stored.item(), direction, stored.rawPayload(), currentStatus, statuses);
    }

    static MessageDetail outbound(String messageId, CurrentStatus currentStatus, List<StatusEntry> statuses) {
        return new MessageDetail(MessageItem.unknown(messageId), "outbound", null, currentStatus, statuses);
    }
}
