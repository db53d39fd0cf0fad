package io.wapipeline.worker.api;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonRawValue;

import io.swagger.v3.oas.annotations.media.Schema;

/** One delivery status of a message's history ({@code whatsapp_message_status}); {@code errors} as Meta sent them. */
public record StatusEntry(String status, Instant timestamp, @Nullable String businessPhoneNumberId,
        @Nullable String recipientId, @Nullable String recipientUserId, @Nullable String conversationId,
        @Nullable String conversationOrigin, @Nullable Instant conversationExpiresAt, @Nullable Boolean pricingBillable,
        @Nullable String pricingModel, @Nullable String pricingCategory, @Nullable String pricingType,
        @Nullable String bizOpaqueCallbackData,
        @Schema(types = "array", description = "as Meta sent them") @JsonRawValue @Nullable String errors,
        Instant receivedAt) {
}
