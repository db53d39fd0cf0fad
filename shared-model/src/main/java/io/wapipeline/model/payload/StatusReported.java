package io.wapipeline.model.payload;

import java.time.Instant;

/**
 * One delivery status of an outbound message ({@code statuses[]} item).
 *
 * @param messageId             the wamid of the message the business sent
 * @param status                {@code sent}, {@code delivered}, {@code read}, {@code played}, {@code failed}, or
 *                              whatever Meta adds
 * @param conversationId        {@code conversation.id} (omitted from API v24.0 on)
 * @param billable              {@code pricing.billable}; null when absent
 * @param errorsJson            {@code errors[]} as JSON
 * @param rawJson               the whole item as JSON
 */
public record StatusReported(
        Business business,
        String messageId,
        String status,
        Instant timestamp,
        String recipientId,
        String recipientUserId,
        String conversationId,
        String conversationOrigin,
        Instant conversationExpiresAt,
        Boolean billable,
        String pricingModel,
        String pricingCategory,
        String pricingType,
        String bizOpaqueCallbackData,
        String errorsJson,
        String rawJson) {
}
