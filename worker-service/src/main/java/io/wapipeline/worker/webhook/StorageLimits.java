package io.wapipeline.worker.webhook;

import java.nio.charset.StandardCharsets;

import io.wapipeline.model.payload.CallReported;
import io.wapipeline.model.payload.EventReceived;
import io.wapipeline.model.payload.MessageReceived;
import io.wapipeline.model.payload.StatusReported;
import io.wapipeline.worker.store.Received;
import io.wapipeline.worker.store.MessageKeys;

/**
 * What PostgreSQL can index, checked before a value reaches SQL. An index entry cannot exceed 2,704 bytes, and the
 * widest index holds three such values (call, event and status), so every value that is indexed (message id, call
 * id, business number, contact, media id, status, recipient, event field) may be at most {@value #MAX_KEY_BYTES} bytes
 * of UTF-8. Meta's ids are under 200. An item over the limit is kept as an unreadable event with the reason.
 * (Timestamps are bounded by the parser, and NUL characters replaced by {@code PostgresText}.)
 */
final class StorageLimits {

    static final int MAX_KEY_BYTES = 512;

    private StorageLimits() {
    }

    /** Why this item cannot be stored as it is, or null when it can. */
    static String violation(Received<?> received) {
        Object item = received.item();
        if (item instanceof MessageReceived m) {
            return firstOf(tooLong("message id", m.messageId()), tooLong("business number", MessageKeys.businessNumber(m)),
                    tooLong("contact id", MessageKeys.contactId(m)), tooLong("media id", m.media() == null ? null : m.media().id()));
        }
        if (item instanceof StatusReported s) {
            return firstOf(tooLong("message id", s.messageId()), tooLong("status", s.status()),
                    tooLong("recipient id", s.recipientId()), tooLong("business number", s.business().phoneNumberId()));
        }
        if (item instanceof CallReported c) {
            return firstOf(tooLong("call id", c.callId()), tooLong("call event", c.event()), tooLong("status", c.status()),
                    tooLong("contact id", c.customer().preferred()), tooLong("business number", c.business().phoneNumberId()));
        }
        if (item instanceof EventReceived e) {
            return tooLong("field", e.field());
        }
        return null;
    }

    /** A field name short enough to index: as it is, or cut (for an item kept apart because of its field). */
    static String boundedField(String field) {
        return field == null || bytes(field) <= MAX_KEY_BYTES ? field : field.substring(0, 64) + "…";
    }

    private static String tooLong(String what, String value) {
        if (value == null) {
            return null;
        }
        int bytes = bytes(value);
        return bytes <= MAX_KEY_BYTES ? null : what + " is " + bytes + " bytes long; at most " + MAX_KEY_BYTES + " can be stored";
    }

    private static int bytes(String value) {
        // Cheap bound first: no character takes more than 3 UTF-8 bytes per UTF-16 unit.
        return value.length() * 3 <= MAX_KEY_BYTES ? value.length() : value.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String firstOf(String... reasons) {
        for (String reason : reasons) {
            if (reason != null) {
                return reason;
            }
        }
        return null;
    }
}
