package io.wapipeline.worker.api;

import java.util.Map;

/**
 * What a conversation list asks for.
 *
 * @param business {@code phone_number_id} of the business number
 * @param limit    items per page
 * @param cursor   where the previous page ended
 */
record ConversationFilter(String business, int limit, Cursor cursor) {

    static ConversationFilter of(Map<String, String> parameters) {
        return new ConversationFilter(Parameters.text(parameters, "business"), Parameters.limit(parameters),
                Parameters.cursor(parameters));
    }
}
