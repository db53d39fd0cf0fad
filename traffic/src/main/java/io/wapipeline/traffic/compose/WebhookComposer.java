package io.wapipeline.traffic.compose;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Wraps items in Meta's envelope ({@code object}, {@code entry[].id}, {@code changes[].field} and {@code value} with
 * {@code messaging_product}, {@code metadata}, {@code contacts[]}, {@code messages[]}, {@code statuses[]}). A batch is
 * spread the ways Meta spreads one, so receivers that read only the first item fail: messages and statuses mixed in
 * one change, several changes in one entry, several entries in one body.
 */
final class WebhookComposer {

    private static final int MAX_ITEMS_PER_CHANGE = 10;
    private static final int MAX_CHANGES_PER_ENTRY = 3;

    private final SimulatedBusiness business;
    private final RandomGenerator random;

    WebhookComposer(SimulatedBusiness business, RandomGenerator random) {
        this.business = business;
        this.random = random;
    }

    /** The body, as Meta writes it on the wire. */
    byte[] compose(List<SimulatedItem> items) {
        ObjectNode root = MetaJson.object().put("object", "whatsapp_business_account");
        ArrayNode entries = root.putArray("entry");
        int placed = 0;
        while (placed < items.size()) {
            placed = addEntry(entries.addObject(), items, placed);
        }
        return MetaJson.bytes(root);
    }

    /** Places items from index {@code first} on in a new entry; returns the index of the first item not placed. */
    private int addEntry(ObjectNode entry, List<SimulatedItem> items, int first) {
        ArrayNode changes = entry.put("id", business.wabaId()).putArray("changes");
        int changeCount = 1 + random.nextInt(MAX_CHANGES_PER_ENTRY);
        int next = first;
        for (int change = 0; change < changeCount && next < items.size(); change++) {
            int size = 1 + random.nextInt(Math.min(MAX_ITEMS_PER_CHANGE, items.size() - next));
            changes.add(change(items.subList(next, next + size)));
            next += size;
        }
        return next;
    }

    private ObjectNode change(List<SimulatedItem> items) {
        ObjectNode change = MetaJson.object();
        ObjectNode value = change.putObject("value").put("messaging_product", "whatsapp");
        value.putObject("metadata").put("display_phone_number", business.displayPhoneNumber())
                .put("phone_number_id", business.phoneNumberId());
        addContacts(value, items);
        addItems(value.putArray("messages"), items, true);
        addItems(value.putArray("statuses"), items, false);
        removeIfEmpty(value, "messages");
        removeIfEmpty(value, "statuses");
        change.put("field", "messages");
        return change;
    }

    /** The senders of the change's messages, once each, with their profile names. */
    private static void addContacts(ObjectNode value, List<SimulatedItem> items) {
        Map<String, Contact> senders = new LinkedHashMap<>();
        items.stream().filter(SimulatedItem::isMessage).map(SimulatedItem::contact)
                .forEach(sender -> senders.putIfAbsent(sender.waId(), sender));
        if (!senders.isEmpty()) {
            ArrayNode contacts = value.putArray("contacts");
            for (Contact sender : senders.values()) {
                ObjectNode contact = contacts.addObject();
                contact.putObject("profile").put("name", sender.name());
                contact.put("wa_id", sender.waId());
            }
        }
    }

    private static void addItems(ArrayNode target, List<SimulatedItem> items, boolean messages) {
        items.stream().filter(item -> item.isMessage() == messages).forEach(item -> target.add(item.json()));
    }

    private static void removeIfEmpty(ObjectNode value, String property) {
        if (value.path(property).isEmpty()) {
            value.remove(property);
        }
    }
}
