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

    public static ParsedWebhook parse(byte[] body) {
        JsonNode root = readJson(body);
        List<MessageReceived> messages = new ArrayList<>();
        List<StatusReported> statuses = new ArrayList<>();
        List<EventReceived> events = new ArrayList<>();
        for (JsonNode entry : entries(root)) {
            for (JsonNode change : array(entry, "changes")) {
                readChange(entry, change, messages, statuses, events);
            }
        }
        return new ParsedWebhook(List.copyOf(messages), List.copyOf(statuses), List.copyOf(events));
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
            throw new NotAWebhookException("not a WhatsApp webhook: object is '" + object + "'");
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

    private static void readChange(JsonNode entry, JsonNode change, List<MessageReceived> messages,
            List<StatusReported> statuses, List<EventReceived> events) {
        JsonNode value = object(change, "value");
        JsonNode metadata = object(value, "metadata");
        Business business = new Business(text(entry, "id"), text(metadata, "phone_number_id"),
                text(metadata, "display_phone_number"));
        String field = text(change, "field");
        Instant time = epochSeconds(entry, "time");
        if (field != null && !"messages".equals(field)) {
            events.add(new EventReceived(business, EventReceived.CHANGE, field, time, raw(value)));
            return;
        }
        int before = messages.size() + statuses.size() + events.size();
        Contacts contacts = new Contacts(value);
        for (JsonNode item : MessageReader.items(value)) {
            messages.add(MessageReader.read(item, business, contacts));
        }
        for (JsonNode item : array(value, "statuses")) {
            StatusReported status = StatusReader.read(item, business);
            if (status != null) {
                statuses.add(status);
            }
            else {
                events.add(new EventReceived(business, EventReceived.UNREADABLE, "messages", time, raw(item)));
            }
        }
        for (JsonNode error : array(value, "errors")) {
            events.add(new EventReceived(business, EventReceived.ERROR, "messages", time, raw(error)));
        }
        boolean unknownProperties = !MESSAGES_VALUE_PROPERTIES.containsAll(value.propertyNames());
        if (unknownProperties || messages.size() + statuses.size() + events.size() == before) {
            events.add(new EventReceived(business, EventReceived.CHANGE, field == null ? "messages" : field, time, raw(value)));
        }
    }
}
