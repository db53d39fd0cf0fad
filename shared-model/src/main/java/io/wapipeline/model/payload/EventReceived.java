package io.wapipeline.model.payload;

import java.time.Instant;

/**
 * Anything that is neither a message nor a status, kept whole: a change of another subscribed field (template
 * status, quality, account updates, …), a value-level error, or an item that could not be read.
 *
 * @param kind        {@link #CHANGE}, {@link #ERROR} or {@link #UNREADABLE}
 * @param field       {@code changes[].field}
 * @param time        {@code entry[].time}; null when absent
 * @param payloadJson the change's {@code value}, the error, or the unreadable item, as JSON; null for an unreadable
 *                    item too deep to store
 * @param reason      why an {@link #UNREADABLE} item could not be read; null for the other kinds
 */
public record EventReceived(Business business, String kind, String field, Instant time, String payloadJson,
        String reason) implements WebhookItem {

    @Override
    public String rawJson() {
        return payloadJson;
    }

    public static final String CHANGE = "change";
    public static final String ERROR = "error";
    public static final String UNREADABLE = "unreadable";

    /** A change or an error, as Meta sent it. */
    public static EventReceived of(Business business, String kind, String field, Instant time, String payloadJson) {
        return new EventReceived(business, kind, field, time, payloadJson, null);
    }

    /** An item kept apart because it could not be read (or stored), with the reason. */
    public static EventReceived unreadable(Business business, String field, Instant time, String payloadJson,
            String reason) {
        return new EventReceived(business, UNREADABLE, field, time, payloadJson, reason);
    }
}
