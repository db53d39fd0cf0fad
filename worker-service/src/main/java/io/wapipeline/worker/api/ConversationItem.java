package io.wapipeline.worker.api;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One conversation: a business number and a contact (or a group: {@code group} true, {@code contactId} the group id),
 * with its newest message.
 */
public record ConversationItem(String businessPhoneNumberId, String contactId, @Nullable String waId,
        @Nullable String userId, @Nullable String contactName, @Nullable String username, Instant firstMessageAt,
        Instant lastMessageAt, String lastMessageId, String lastMessageType, @Nullable String lastMessagePreview,
        long messageCount, boolean group) {
}
