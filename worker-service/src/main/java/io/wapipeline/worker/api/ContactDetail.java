package io.wapipeline.worker.api;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A contact: one person in one business account, with every id Meta has named them by, what they and the business
 * call them, their marketing preference, and their conversations.
 */
@Schema(description = "One person in one business account, with every id Meta has named them by")
public record ContactDetail(
        @Schema(description = "The business account (webhook entry id); empty when Meta named none") String wabaId,
        @Schema(description = "The key rows are filed under: the smallest phone number, else business-scoped user id") String contactId,
        @Nullable String profileName, @Nullable String username, @Nullable Instant profileAt,
        @Schema(description = "The name the coexistence business gave the contact in its WhatsApp Business app") @Nullable String businessName,
        @Schema(description = "add or remove: the business's newest sync of this contact") @Nullable String businessNameAction,
        @Schema(description = "stop, resume or signup: the newest marketing_messages preference") @Nullable String marketingPreference,
        @Nullable Instant marketingPreferenceAt, @Nullable Instant firstSeenAt, @Nullable Instant lastSeenAt,
        List<Id> ids, List<Conversation> conversations) {

    /** One id: {@code wa_id}, {@code user_id} or {@code parent_user_id}, with when the person's own activity named it. */
    public record Id(String kind, String value, @Nullable Instant firstSeenAt, @Nullable Instant lastSeenAt) {
    }

    /** The contact's conversation with one business number. */
    public record Conversation(String businessPhoneNumberId, long messageCount, Instant lastMessageAt,
            @Nullable String lastMessagePreview) {
    }
}
