package io.wapipeline.model.payload;

import java.time.Instant;

/**
 * A Calling API report on a call ({@code wacid.…}): a {@code calls[]} item ({@code event} connect or terminate) or a
 * call status in {@code statuses[]} ({@code type: "call"}; event {@code status}, status RINGING, ACCEPTED, REJECTED).
 *
 * @param event     {@code connect}, {@code terminate}, {@code status}, or whatever Meta adds
 * @param direction {@code USER_INITIATED} or {@code BUSINESS_INITIATED}; null when not named
 * @param from      the calling number
 * @param to        the called number (for a status: the recipient)
 * @param duration  seconds, when Meta names it
 * @param errorsJson {@code errors[]} of the item as JSON
 */
public record CallReported(Business business, String callId, String event, String status, String direction,
        String from, String to, PersonIds customer, Instant timestamp, Instant startTime, Instant endTime,
        Long duration, String bizOpaqueCallbackData, String errorsJson, String rawJson) implements WebhookItem {

    @Override
    public String field() {
        return "calls";
    }
}
