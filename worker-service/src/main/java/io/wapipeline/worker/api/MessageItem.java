package io.wapipeline.worker.api;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A message as the API shows it. {@code reaction}, {@code location} and {@code media} are null when the message has
 * none. Edits and revokes are messages of their own and change nothing stored: what they do to the message they name
 * ({@code edited}, the current {@code text} and {@code caption}, {@code deleted}) is found when it is read, so it is
 * the same whatever order Meta delivered them in.
 */
@Schema(description = "A message. Items of a list are inbound messages, with businessPhoneNumberId, contactId, type, "
        + "timestamp and receivedAt set; only the detail of an outbound message has them null. An edited message shows "
        + "its newest edit's text and caption (edited, editedAt); a message its sender deleted is marked deleted, with "
        + "its content kept, or left out with contentHidden saying why when whatsapp.api.revoked-content is hide. Edits "
        + "(type edit, editedMessageId) and revokes (type revoke, revokedMessageId) are listed as messages too.")
public record MessageItem(String messageId, @Nullable String businessPhoneNumberId, @Nullable String contactId,
        @Nullable String from, @Nullable String fromUserId, @Nullable String contactName, @Nullable String type,
        @Nullable String text, @Nullable String caption, @Nullable Instant timestamp, @Nullable String replyToMessageId,
        @Nullable Reaction reaction, @Nullable Location location, @Nullable Media media, @Nullable Instant receivedAt,
        @Schema(description = "for an edit, the message it changes") @Nullable String editedMessageId,
        @Schema(description = "for a revoke, the message its sender deleted") @Nullable String revokedMessageId,
        @Schema(description = "true when an edit names this message: text and caption are the newest edit's") boolean edited,
        @Schema(description = "the newest edit's time") @Nullable Instant editedAt,
        @Schema(description = "true when a revoke names this message, or the message this edit changes") boolean deleted,
        @Schema(description = "the revoke's time") @Nullable Instant deletedAt,
        @Schema(description = "why text, caption, location and media are left out; null when they are shown")
        @Nullable String contentHidden,
        @Schema(description = "live (messages), echo (sent by the business from the WhatsApp Business app) or history "
                + "(shared at onboarding)") @Nullable String source,
        @Schema(description = "true for a message the business sent (echoes, history from the business)") @Nullable Boolean outbound,
        @Schema(description = "The group an inbound group message was sent in") @Nullable String groupId,
        @Schema(description = "history_context.status of a history message") @Nullable String historyStatus) {

    /** What {@link #contentHidden} says of a deleted message's content left out. */
    static final String DELETED_BY_ITS_SENDER = "deleted by its sender";

    /** The shape of a message the worker has no row for (an outbound one): only its id. */
    static MessageItem unknown(String messageId) {
        return new MessageItem(messageId, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, false, null, false, null, null, null, null, null, null);
    }

    /** This message without what its sender deleted: text, caption, location and media left out, saying why. */
    MessageItem withoutContent() {
        return new MessageItem(messageId, businessPhoneNumberId, contactId, from, fromUserId, contactName, type, null, null,
                timestamp, replyToMessageId, reaction, null, null, receivedAt, editedMessageId, revokedMessageId, edited,
                editedAt, deleted, deletedAt, DELETED_BY_ITS_SENDER, source, outbound, groupId, historyStatus);
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
