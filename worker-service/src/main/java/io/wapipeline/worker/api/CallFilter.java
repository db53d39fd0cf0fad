package io.wapipeline.worker.api;

import java.time.Instant;
import java.util.Map;

/**
 * What a call list asks for: all given filters apply together.
 *
 * @param contact   {@code contact_id}: the customer's phone number, else its business-scoped user id
 * @param business  {@code phone_number_id} of the business number
 * @param direction {@code USER_INITIATED} or {@code BUSINESS_INITIATED}
 * @param status    the call's status, as Meta wrote it
 * @param from      earliest {@code first_event_at}, inclusive
 * @param to        latest {@code first_event_at}, exclusive
 * @param limit     items per page
 * @param cursor    where the previous page ended
 */
record CallFilter(String contact, String business, String direction, String status, Instant from, Instant to, int limit,
        Cursor cursor) {

    static CallFilter of(Map<String, String> parameters) {
        return new CallFilter(Parameters.text(parameters, "contact"), Parameters.text(parameters, "business"),
                Parameters.text(parameters, "direction"), Parameters.text(parameters, "status"),
                Parameters.instant(parameters, "from"), Parameters.instant(parameters, "to"), Parameters.limit(parameters),
                Parameters.cursor(parameters));
    }
}
