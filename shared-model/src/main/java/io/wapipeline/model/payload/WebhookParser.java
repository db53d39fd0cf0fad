package io.wapipeline.model.payload;

import static io.wapipeline.model.payload.Json.array;
import static io.wapipeline.model.payload.Json.epochSeconds;
import static io.wapipeline.model.payload.Json.object;
import static io.wapipeline.model.payload.Json.raw;
import static io.wapipeline.model.payload.Json.text;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
    private static final String MESSAGES = "messages";

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

    /** One {@code changes[]} element: whose it is, its field, the entry's time, and its value. */
    private record Change(Business business, String field, Instant time, JsonNode value) {
    }

    private static void readChange(JsonNode entry, JsonNode change, Items items) {
        JsonNode value = object(change, "value");
        JsonNode metadata = object(value, "metadata");
        Business business = new Business(text(entry, "id"), text(metadata, "phone_number_id"),
                text(metadata, "display_phone_number"));
        String field = Objects.requireNonNullElse(text(change, "field"), MESSAGES);
        Instant time;
        try {
            time = epochSeconds(entry, "time");
        }
        catch (UnreadableItemException outOfRange) {
            items.unreadable(business, field, null, change, outOfRange);
            return;
        }
        Change read = new Change(business, field, time, value);
        if (MESSAGES.equals(field)) {
            readMessagesChange(read, items);
        }
        else {
            items.read(read, value, () -> items.events.add(changeEvent(read)));
            readStatuses(read, items);
        }
    }

    /**
     * A {@code messages} change: its messages, value-level errors and statuses. The whole value is also kept as a
     * change event when it yields none of them (a shape this parser does not know) or carries properties it does not
     * read, so nothing Meta sent is only in the raw record.
     */
    private static void readMessagesChange(Change change, Items items) {
        int yielded = 0;
        Contacts contacts = new Contacts(change.value());
        for (JsonNode message : MessageReader.items(change.value())) {
            items.read(change, message, () -> items.messages.add(MessageReader.read(message, change.business(), contacts)));
            yielded++;
        }
        for (JsonNode error : array(change.value(), "errors")) {
            items.read(change, error, () -> items.events.add(
                    EventReceived.of(change.business(), EventReceived.ERROR, change.field(), change.time(), raw(error))));
            yielded++;
        }
        yielded += readStatuses(change, items);
        boolean unknownProperties = !MESSAGES_VALUE_PROPERTIES.containsAll(change.value().propertyNames());
        if (yielded == 0 || unknownProperties) {
            items.read(change, change.value(), () -> items.events.add(changeEvent(change)));
        }
    }

    /** Statuses are read in any field: Meta reports call statuses in the same shape under {@code calls}. */
    private static int readStatuses(Change change, Items items) {
        int read = 0;
        for (JsonNode status : array(change.value(), "statuses")) {
            items.read(change, status, () -> items.statuses.add(StatusReader.read(status, change.business())));
            read++;
        }
        return read;
    }

    private static EventReceived changeEvent(Change change) {
        return EventReceived.of(change.business(), EventReceived.CHANGE, change.field(), change.time(), raw(change.value()));
    }

    /** What a body has yielded so far, item by item. */
    private static final class Items {

        private final List<MessageReceived> messages = new ArrayList<>();
        private final List<StatusReported> statuses = new ArrayList<>();
        private final List<EventReceived> events = new ArrayList<>();

        /**
         * Runs {@code read}, which adds one item of {@code change}; an item it cannot read is kept as an unreadable
         * event with the reason instead. Either way the body yields exactly one item for it.
         */
        void read(Change change, JsonNode item, Runnable read) {
            try {
                read.run();
            }
            catch (RuntimeException failure) {
                unreadable(change.business(), change.field(), change.time(), item, failure);
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

        ParsedWebhook parsed() {
            return new ParsedWebhook(List.copyOf(messages), List.copyOf(statuses), List.copyOf(events));
        }
    }
}
