package io.wapipeline.model.payload;

import java.time.Instant;

/**
 * Anything that is neither a message nor a status, kept whole: a change of another subscribed field (template
 * status, quality, account updates, …), a value-level error, or an item the parser could not read.
 *
 * @param kind        {@link #CHANGE}, {@link #ERROR} or {@link #UNREADABLE}
 * @param field       {@code changes[].field}
 * @param time        {@code entry[].time}; null when absent
 * @param payloadJson the change's {@code value}, the error, or the unreadable item, as JSON
 */
public record EventReceived(Business business, String kind, String field, Instant time, String payloadJson) {

    public static final String CHANGE = "change";
    public static final String ERROR = "error";
    public static final String UNREADABLE = "unreadable";
}
