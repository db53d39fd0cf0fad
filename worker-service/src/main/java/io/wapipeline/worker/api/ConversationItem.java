package io.wapipeline.worker.api;

import java.time.Instant;

/** One conversation: a business number and a contact, with its newest message. */
public record ConversationItem(String businessPhoneNumberId, String contactId, String waId, String userId,
        String contactName, String username, Instant firstMessageAt, Instant lastMessageAt, String lastMessageId,
        String lastMessageType, String lastMessagePreview, long messageCount) {
}
