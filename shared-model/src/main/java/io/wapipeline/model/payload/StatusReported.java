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
 * @param recipientType         {@code recipient_type}: {@code individual} (or absent) or {@code group}, when
 *                              {@code recipientId} is a group
 * @param recipientParentUserId the recipient's parent BSUID ({@code parent_recipient_user_id})
 * @param participant           for a status of a group message: the participant it reports on; {@link PersonIds#NONE}
 *                              otherwise
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
        String rawJson,
        String recipientType,
        String recipientParentUserId,
        PersonIds participant) implements WebhookItem {

    @Override
    public String field() {
        return "messages";
    }

    /** The user this status reports on: the group participant, or the one-to-one recipient. */
    public PersonIds customer() {
        return participant.isEmpty() && !isGroup() ? new PersonIds(recipientId, recipientUserId, recipientParentUserId)
                : participant;
    }

    /** True when the message was sent to a group. */
    public boolean isGroup() {
        return "group".equals(recipientType) || !participant.isEmpty();
    }
}
