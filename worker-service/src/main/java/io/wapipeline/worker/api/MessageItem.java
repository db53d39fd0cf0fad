package io.wapipeline.worker.api;

import java.time.Instant;

/**
 * An inbound message as the API shows it. {@code reaction}, {@code location} and {@code media} are null when the
 * message has none.
 */
public record MessageItem(String messageId, String businessPhoneNumberId, String contactId, String from, String fromUserId,
        String contactName, String type, String text, String caption, Instant timestamp, String replyToMessageId,
        Reaction reaction, Location location, Media media, Instant receivedAt) {

    /** The shape of a message the worker has no row for (an outbound one): only its id. */
    static MessageItem unknown(String messageId) {
        return new MessageItem(messageId, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null);
    }

    /** {@code emoji} is null or empty when the reaction was removed. */
    public record Reaction(String messageId, String emoji) {
    }

    public record Location(Double latitude, Double longitude, String name, String address) {
    }

    /** {@code state} is the download job's ({@code whatsapp_media.state}). */
    public record Media(String id, String mimeType, String filename, String state) {
    }
}
