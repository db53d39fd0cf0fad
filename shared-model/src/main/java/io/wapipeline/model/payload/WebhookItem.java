package io.wapipeline.model.payload;

/** One item a webhook carried: whose it is, the field it came in, and its JSON as Meta sent it. */
public interface WebhookItem {

    Business business();

    /** The {@code changes[].field} it came in. */
    String field();

    /** The item as JSON (for derived items, the ids it names); null for an unreadable item too deep to store. */
    String rawJson();
}
