package io.wapipeline.model.payload;

import java.time.Instant;

/**
 * One {@code user_preferences[]} item: a user stopping or resuming a category of messages (today
 * {@code marketing_messages}), which decides whether the business may send them marketing.
 *
 * @param value {@code stop}, {@code resume}, {@code signup}, or whatever Meta adds
 */
public record PreferenceChanged(Business business, PersonIds person, String category, String value, String detail,
        Instant timestamp, String rawJson) implements WebhookItem {

    @Override
    public String field() {
        return "user_preferences";
    }
}
