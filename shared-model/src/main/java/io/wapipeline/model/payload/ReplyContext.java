package io.wapipeline.model.payload;

/** {@code messages[].context}: the message replied to, and whether this one was forwarded. */
public record ReplyContext(String messageId, String from, boolean forwarded, boolean frequentlyForwarded) {
}
