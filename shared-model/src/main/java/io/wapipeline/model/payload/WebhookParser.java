package io.wapipeline.model.payload;

import static io.wapipeline.model.payload.Json.array;
import static io.wapipeline.model.payload.Json.epochSeconds;
import static io.wapipeline.model.payload.Json.object;
import static io.wapipeline.model.payload.Json.raw;
import static io.wapipeline.model.payload.Json.text;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

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
    private static final String HISTORY = "history";

    /** For each field read item by item, the properties of its value that become items. */
    private static final Map<String, Set<String>> READ_PROPERTIES = Map.of(
            MESSAGES, Set.of("messaging_product", "metadata", "contacts", "messages", "statuses", "errors"),
            "smb_message_echoes", Set.of("messaging_product", "metadata", "contacts", "message_echoes", "errors"),
            "calls", Set.of("messaging_product", "metadata", "contacts", "calls", "statuses", "errors"),
            "user_preferences", Set.of("messaging_product", "metadata", "contacts", "user_preferences", "errors"),
            "smb_app_state_sync", Set.of("messaging_product", "metadata", "state_sync", "errors"));

    /**
     * Fields whose whole change is kept as an event besides the items read from it: a contact's marketing preference
     * and the business's contact list keep only their newest state on the contact, and their history matters.
     */
    private static final Set<String> ALSO_KEPT_WHOLE = Set.of("user_preferences", "smb_app_state_sync");

    /** The arrays whose items carry a {@code timestamp}: the newest says when a change's {@code contacts[]} were current. */
    private static final List<String> TIMED_ARRAYS = List.of("messages", "message_echoes", "statuses", "calls", "user_preferences");

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

    /** One {@code changes[]} element: whose it is, its field, the entry's time, its value and its contacts. */
    private record Change(Business business, String field, Instant time, JsonNode value, Contacts contacts) {
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
        Change read = new Change(business, field, time, value, new Contacts(value));
        if (HISTORY.equals(field)) {
            readHistory(read, items);
        }
        else if (READ_PROPERTIES.containsKey(field)) {
            readItemByItem(read, items);
        }
        else {
            items.read(read, value, () -> items.events.add(changeEvent(read)));
            readStatuses(read, items);
        }
    }

    /**
     * A change of a field read item by item (messages, echoes, calls, preferences, synced contacts): its items, its
     * value-level errors and the contacts it names. The whole value is also kept as a change event when it yields no
     * item (a shape this parser does not know) or carries properties it does not read, so nothing Meta sent is only in
     * the raw record, and always for the fields whose history matters ({@link #ALSO_KEPT_WHOLE}).
     */
    private static void readItemByItem(Change change, Items items) {
        JsonNode value = change.value();
        int yielded = readMessages(change, "messages", MessageSource.LIVE, null, value, items)
                + readMessages(change, "message_echoes", MessageSource.ECHO, null, value, items)
                + readStatuses(change, items)
                + readEach(change, "calls", items, call -> items.calls.add(CallReader.call(call, change.business(), change.contacts())))
                + readEach(change, "user_preferences", items, item -> items.preferences.add(AccountReader.preference(item, change.business())))
                + readEach(change, "state_sync", items, item -> items.syncedContacts.add(AccountReader.contact(item, change.business())))
                + readErrors(change, array(value, "errors"), items);
        items.contacts.addAll(change.contacts().seen(change.business(), newestTime(value)));
        boolean unknownProperties = !READ_PROPERTIES.get(change.field()).containsAll(value.propertyNames());
        if (yielded == 0 || unknownProperties || ALSO_KEPT_WHOLE.contains(change.field())) {
            items.read(change, value, () -> items.events.add(changeEvent(change)));
        }
    }

    /**
     * A {@code history} change: the messages of every thread of every chunk, inbound and the business's own, and each
     * chunk's errors (a declined share); the chunks' metadata (phase, order, progress) is kept as one change event with
     * each thread's message count in place of its messages, which are stored as messages.
     */
    private static void readHistory(Change change, Items items) {
        for (JsonNode chunk : array(change.value(), HISTORY)) {
            for (JsonNode thread : array(chunk, "threads")) {
                readMessages(change, MESSAGES, MessageSource.HISTORY, text(thread, "id"), thread, items);
            }
            readErrors(change, array(chunk, "errors"), items);
        }
        items.read(change, change.value(), () -> items.events.add(EventReceived.of(change.business(), EventReceived.CHANGE,
                change.field(), change.time(), raw(HistorySummary.of(change.value())))));
    }

    private static int readMessages(Change change, String array, MessageSource source, String threadId, JsonNode holder,
            Items items) {
        return readEach(change, holder, array, items, message -> items.messages.add(
                MessageReader.read(message, change.business(), change.contacts(), source, threadId)));
    }

    private static int readErrors(Change change, Iterable<JsonNode> errors, Items items) {
        int read = 0;
        for (JsonNode error : errors) {
            items.read(change, error, () -> items.events.add(
                    EventReceived.of(change.business(), EventReceived.ERROR, change.field(), change.time(), raw(error))));
            read++;
        }
        return read;
    }

    /** Statuses are read in any field: Meta reports call statuses in the same shape under {@code calls}. */
    private static int readStatuses(Change change, Items items) {
        return readEach(change, "statuses", items, status -> {
            if (StatusReader.isCall(status)) {
                items.calls.add(CallReader.status(status, change.business(), change.contacts()));
            }
            else {
                items.statuses.add(StatusReader.read(status, change.business()));
            }
        });
    }

    private static int readEach(Change change, String array, Items items, Consumer<JsonNode> reader) {
        return readEach(change, change.value(), array, items, reader);
    }

    private static int readEach(Change change, JsonNode holder, String array, Items items, Consumer<JsonNode> reader) {
        int read = 0;
        for (JsonNode item : array(holder, array)) {
            items.read(change, item, () -> reader.accept(item));
            read++;
        }
        return read;
    }

    /** The newest readable item time of a change value; null when it has none. */
    private static Instant newestTime(JsonNode value) {
        Instant newest = null;
        for (String array : TIMED_ARRAYS) {
            for (JsonNode item : array(value, array)) {
                try {
                    Instant at = epochSeconds(item, "timestamp");
                    newest = at != null && (newest == null || at.isAfter(newest)) ? at : newest;
                }
                catch (UnreadableItemException outOfRange) {
                    // that item is kept apart as unreadable; its time says nothing of the contacts
                }
            }
        }
        return newest;
    }

    private static EventReceived changeEvent(Change change) {
        return EventReceived.of(change.business(), EventReceived.CHANGE, change.field(), change.time(), raw(change.value()));
    }

    /** What a body has yielded so far, item by item. */
    private static final class Items {

        private final List<MessageReceived> messages = new ArrayList<>();
        private final List<StatusReported> statuses = new ArrayList<>();
        private final List<EventReceived> events = new ArrayList<>();
        private final List<ContactSeen> contacts = new ArrayList<>();
        private final List<CallReported> calls = new ArrayList<>();
        private final List<PreferenceChanged> preferences = new ArrayList<>();
        private final List<ContactSynced> syncedContacts = new ArrayList<>();

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
            return new ParsedWebhook(List.copyOf(messages), List.copyOf(statuses), List.copyOf(events), List.copyOf(contacts),
                    List.copyOf(calls), List.copyOf(preferences), List.copyOf(syncedContacts));
        }
    }
}
