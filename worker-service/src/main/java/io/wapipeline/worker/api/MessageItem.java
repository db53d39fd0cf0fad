package io.wapipeline.worker.api;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * An inbound message as the API shows it. {@code reaction}, {@code location} and {@code media} are null when the
 * message has none.
 */
@Schema(description = "A message. Items of a list are inbound messages, with businessPhoneNumberId, contactId, type, "
        + "timestamp and receivedAt set; only the detail of an outbound message has them null.")
public record MessageItem(String messageId, @Nullable String businessPhoneNumberId, @Nullable String contactId,
        @Nullable String from, @Nullable String fromUserId, @Nullable String contactName, @Nullable String type,
        @Nullable String text, @Nullable String caption, @Nullable Instant timestamp, @Nullable String replyToMessageId,
        @Nullable Reaction reaction, @Nullable Location location, @Nullable Media media, @Nullable Instant receivedAt,
        @Schema(description = "live (messages), echo (sent by the business from the WhatsApp Business app) or history "
                + "(shared at onboarding)") @Nullable String source,
        @Schema(description = "true for a message the business sent (echoes, history from the business)") @Nullable Boolean outbound,
        @Schema(description = "The group an inbound group message was sent in") @Nullable String groupId,
        @Schema(description = "history_context.status of a history message") @Nullable String historyStatus) {

    /** The shape of a message the worker has no row for (an outbound one): only its id. */
    static MessageItem unknown(String messageId) {
        return new MessageItem(messageId, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }

    /** {@code emoji} is null or empty when the reaction was removed. */
    public record Reaction(String messageId, @Nullable String emoji) {
    }

    public record Location(@Nullable Double latitude, @Nullable Double longitude, @Nullable String name,
            @Nullable String address) {
    }

    /** {@code state} is the download job's ({@code whatsapp_media.state}). */
    public record Media(String id, @Nullable String mimeType, @Nullable String filename, @Nullable String state) {
    }
}
