package io.wapipeline.worker.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * One message with its delivery statuses. Statuses are reported for outbound messages, which have no message row:
 * those are shown with null message fields and {@code direction} {@code outbound}.
 */
public record MessageDetail(@JsonUnwrapped MessageItem message, String direction, @JsonRawValue String rawPayload,
        CurrentStatus currentStatus, List<StatusEntry> statuses) {

    /** A stored inbound message and its raw {@code messages[]} item. */
    record Stored(MessageItem item, String rawPayload) {
    }

    static MessageDetail inbound(Stored stored, CurrentStatus currentStatus, List<StatusEntry> statuses) {
        return new MessageDetail(stored.item(), "inbound", stored.rawPayload(), currentStatus, statuses);
    }

    static MessageDetail outbound(String messageId, CurrentStatus currentStatus, List<StatusEntry> statuses) {
        return new MessageDetail(MessageItem.unknown(messageId), "outbound", null, currentStatus, statuses);
    }
}
