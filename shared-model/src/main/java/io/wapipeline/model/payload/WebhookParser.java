package io.wapipeline.model.payload;

import static io.wapipeline.model.payload.Json.array;
import static io.wapipeline.model.payload.Json.epochSeconds;
import static io.wapipeline.model.payload.Json.object;
import static io.wapipeline.model.payload.Json.raw;
import static io.wapipeline.model.payload.Json.text;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;

/**
 * Turns a webhook body into every event it carries: each {@code entry[]}, each {@code changes[]}, each message,
 * status and value-level error. Accepts Meta's envelope and the envelope-less {@code {"field","value"}} that the
 * dashboard's Test button sends. Unknown fields, types and properties are kept, never fatal; only a body that is not
 * JSON or not a WhatsApp webhook is refused, with {@link NotAWebhookException}.
 */
public final class WebhookParser {

    static final String WHATSAPP_OBJECT = "whatsapp_business_account";

    /** The properties of a {@code messages} change value that become messages, statuses and errors. */
    private static final Set<String> MESSAGES_VALUE_PROPERTIES = Set.of(
            "messaging_product", "metadata", "contacts", "messages", "statuses", "errors");

    private WebhookParser() {
    }

    /**
     * Every item of the body. An item that cannot be read (a value no real webhook has, nesting too deep to store)
     * becomes an {@link EventReceived#UNREADABLE} event with the reason, and its neighbours are read as usual.
     *
     * @throws NotAWebhookException when the body is not JSON or not a WhatsApp webhook
     */
    public static ParsedWebhook parse(byte[] body) {
        JsonNode root = readJson(body);
        Items items = new Items();
        for (JsonNode entry : entries(root)) {
            for (JsonNode change : array(entry, "changes")) {
                readChange(entry, change, items);
            }
        }
        return items.parsed();
    }

    private static JsonNode readJson(byte[] body) {
        try {
            return Json.MAPPER.readTree(body);
        }
        catch (JacksonException notJson) {
            throw new NotAWebhookException("not JSON: " + notJson.getOriginalMessage(), notJson);
        }
    }

    /** The entries of Meta's envelope, or the dashboard test's bare change wrapped as one entry. */
    private static Iterable<JsonNode> entries(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new NotAWebhookException("not a WhatsApp webhook: the body is not a JSON object");
        }
        String object = text(root, "object");
        if (object != null && !WHATSAPP_OBJECT.equals(object)) {
            throw new NotAWebhookException("not a WhatsApp webhook: object is '" + Json.excerpt(object) + "'");
        }
        if (root.path("entry").isArray()) {
            return root.path("entry");
        }
        if (root.path("field").isString() && root.path("value").isObject()) {
            var entry = Json.MAPPER.createObjectNode();
            entry.putArray("changes").add(root);
            return List.of(entry);
        }
        throw new NotAWebhookException("not a WhatsApp webhook: neither entry[] nor field/value");
    }

    private static void readChange(JsonNode entry, JsonNode change, Items items) {
        JsonNode value = object(change, "value");
        JsonNode metadata = object(value, "metadata");
        Business business = new Business(text(entry, "id"), text(metadata, "phone_number_id"),
                text(metadata, "display_phone_number"));
        String field = text(change, "field");
        String itemField = field == null ? "messages" : field;
        Instant time;
        try {
            time = epochSeconds(entry, "time");
        }
        catch (UnreadableItemException outOfRange) {
            items.unreadable(business, itemField, null, change, outOfRange);
            return;
        }
        int before = items.count();
        if (field != null && !"messages".equals(field)) {
            items.read(business, field, time, value, () -> items.events.add(
                    EventReceived.of(business, EventReceived.CHANGE, field, time, raw(value))));
        }
        else {
            Contacts contacts = new Contacts(value);
            for (JsonNode item : MessageReader.items(value)) {
                items.read(business, itemField, time, item, () -> items.messages.add(MessageReader.read(item, business, contacts)));
            }
            for (JsonNode error : array(value, "errors")) {
                items.read(business, itemField, time, error, () -> items.events.add(
                        EventReceived.of(business, EventReceived.ERROR, itemField, time, raw(error))));
            }
        }
        // Statuses are read in any field: Meta reports call statuses in the same shape under "calls".
        for (JsonNode item : array(value, "statuses")) {
            items.read(business, itemField, time, item, () -> items.statuses.add(StatusReader.read(item, business)));
        }
        boolean messagesField = "messages".equals(itemField);
        boolean unknownProperties = !MESSAGES_VALUE_PROPERTIES.containsAll(value.propertyNames());
        if (messagesField && (unknownProperties || items.count() == before)) {
            items.read(business, itemField, time, value, () -> items.events.add(
                    EventReceived.of(business, EventReceived.CHANGE, itemField, time, raw(value))));
        }
    }

    /** What a body has yielded so far, item by item. */
    private static final class Items {

        private final List<MessageReceived> messages = new ArrayList<>();
        private final List<StatusReported> statuses = new ArrayList<>();
        private final List<EventReceived> events = new ArrayList<>();

        /** Runs {@code read}, which adds the item; an item it cannot read is kept as an unreadable event with the reason. */
        void read(Business business, String field, Instant time, JsonNode item, Runnable read) {
            try {
                read.run();
            }
            catch (RuntimeException failure) {
                unreadable(business, field, time, item, failure);
            }
        }

        void unreadable(Business business, String field, Instant time, JsonNode item, RuntimeException failure) {
            String json = Json.rawOrNull(item);
            String reason = failure instanceof UnreadableItemException ? failure.getMessage()
                    : failure instanceof StreamConstraintsException tooDeep
                            ? "nested deeper than " + Json.MAX_STORED_DEPTH + " levels: " + tooDeep.getOriginalMessage()
                            : "the parser failed on this item: " + Json.excerpt(failure.toString(), 300);
            events.add(EventReceived.unreadable(business, field, time, json, reason));
        }

        int count() {
            return messages.size() + statuses.size() + events.size();
        }

        ParsedWebhook parsed() {
            return new ParsedWebhook(List.copyOf(messages), List.copyOf(statuses), List.copyOf(events));
        }
    }
}
