package io.wapipeline.worker.api;

import java.time.Instant;
import java.util.Map;

/**
 * What a message list asks for: all given filters apply together.
 *
 * @param contact  any id of the contact: its key ({@code contact_id}), a phone number, a business-scoped user id
 * @param type     {@code message_type}
 * @param from     earliest {@code timestamp}, inclusive
 * @param to       latest {@code timestamp}, exclusive
 * @param business {@code phone_number_id} of the business number
 * @param text     a case-insensitive substring of {@code text_body}, taken literally
 * @param limit    items per page
 * @param cursor   where the previous page ended
 */
record MessageFilter(String contact, String type, Instant from, Instant to, String business, String text, int limit,
        Cursor cursor) {

    static MessageFilter of(Map<String, String> parameters) {
        return new MessageFilter(Parameters.text(parameters, "contact"), Parameters.text(parameters, "type"),
                Parameters.instant(parameters, "from"), Parameters.instant(parameters, "to"),
                Parameters.text(parameters, "business"), Parameters.text(parameters, "q"),
                Parameters.limit(parameters), Parameters.cursor(parameters));
    }

    MessageFilter forContact(String contactId) {
        return new MessageFilter(contactId, type, from, to, business, text, limit, cursor);
    }
}
