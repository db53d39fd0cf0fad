package io.wapipeline.worker.api;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One message with its delivery statuses and, when it was edited, every version of it. Statuses are reported for
 * outbound messages, which have no message row: those are shown with null message fields and {@code direction}
 * {@code outbound}.
 */
public record MessageDetail(@JsonUnwrapped MessageItem message,
        @Schema(description = "the message as sent, then each edit, oldest first; empty when it was never edited")
        List<Version> versions,
        @Schema(allowableValues = { "inbound", "outbound" }) String direction,
        @Schema(types = "object", description = "the messages[] item as Meta sent it") @JsonRawValue
        @Nullable String rawPayload,
        @Nullable CurrentStatus currentStatus, List<StatusEntry> statuses) {

    /**
     * One version of an edited message: the message as sent (its own id) or an edit (the edit's id), with its time
     * and words; text and caption are null when the message's content is hidden.
     */
    public record Version(String messageId, Instant timestamp, @Nullable String text, @Nullable String caption) {
    }

    /** A stored message, every version of it, and its raw {@code messages[]} item. */
    record Stored(MessageItem item, List<Version> versions, @Nullable String rawPayload) {
    }

    static MessageDetail inbound(Stored stored, CurrentStatus currentStatus, List<StatusEntry> statuses) {
        String direction = Boolean.TRUE.equals(stored.item().outbound()) ? "outbound" : "inbound";
        return new MessageDetail(stored.item(), stored.versions(), direction, stored.rawPayload(), currentStatus, statuses);
    }

    static MessageDetail outbound(String messageId, CurrentStatus currentStatus, List<StatusEntry> statuses) {
        return new MessageDetail(MessageItem.unknown(messageId), List.of(), "outbound", null, currentStatus, statuses);
    }
}
