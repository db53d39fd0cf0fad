package io.wapipeline.worker.api;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonRawValue;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One delivery status of a message's history ({@code whatsapp_message_status}); {@code errors} as Meta sent them. A
 * message sent to a group has one per status and participant: {@code recipientId} is the group, and the participant
 * is named by {@code participantId} (phone number), {@code participantUserId} and {@code participantParentUserId},
 * all null for a one-to-one status.
 */
public record StatusEntry(String status, Instant timestamp, @Nullable String businessPhoneNumberId,
        @Nullable String recipientId, @Nullable String recipientUserId,
        @Schema(description = "group for a message sent to a group; null or individual otherwise") @Nullable String recipientType,
        @Nullable String recipientParentUserId, @Nullable String participantId, @Nullable String participantUserId,
        @Nullable String participantParentUserId, @Nullable String conversationId,
        @Nullable String conversationOrigin, @Nullable Instant conversationExpiresAt, @Nullable Boolean pricingBillable,
        @Nullable String pricingModel, @Nullable String pricingCategory, @Nullable String pricingType,
        @Nullable String bizOpaqueCallbackData,
        @Schema(types = "array", description = "as Meta sent them") @JsonRawValue @Nullable String errors,
        Instant receivedAt) {
}
