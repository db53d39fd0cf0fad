package io.wapipeline.worker.api;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonRawValue;

/** One delivery status of a message's history ({@code whatsapp_message_status}); {@code errors} as Meta sent them. */
public record StatusEntry(String status, Instant timestamp, String businessPhoneNumberId, String recipientId,
        String recipientUserId, String conversationId, String conversationOrigin, Instant conversationExpiresAt,
        Boolean pricingBillable, String pricingModel, String pricingCategory, String pricingType,
        String bizOpaqueCallbackData, @JsonRawValue String errors, Instant receivedAt) {
}
