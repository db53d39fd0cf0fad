package io.wapipeline.worker.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.wapipeline.model.payload.EventReceived;
import io.wapipeline.model.payload.WebhookItem;
import io.wapipeline.worker.store.Received;

/**
 * One consumed record, decoded: every item it carries tagged with its origin, or, for a record that can never be
 * processed (not JSON, not a WhatsApp webhook, nothing in it storable), the reason it goes to the dead-letter topic.
 */
record DecodedRecord(ConsumerRecord<String, byte[]> record, List<Received<? extends WebhookItem>> items, String poisonReason) {

    DecodedRecord {
        items = List.copyOf(items);
    }

    static DecodedRecord poison(ConsumerRecord<String, byte[]> record, String reason) {
        return new DecodedRecord(record, List.of(), reason);
    }

    boolean isPoison() {
        return poisonReason != null;
    }

    /** The items of one kind, in the order the webhook carried them. */
    @SuppressWarnings("unchecked")
    <T extends WebhookItem> List<Received<T>> of(Class<T> kind) {
        return items.stream().filter(item -> kind.isInstance(item.item())).map(item -> (Received<T>) item).toList();
    }

    List<Received<EventReceived>> events() {
        return of(EventReceived.class);
    }

    int itemCount() {
        return items.size();
    }

    /** The same record as one part per item. */
    List<DecodedRecord> itemByItem() {
        return items.stream().map(item -> new DecodedRecord(record, List.of(item), null)).toList();
    }

    /**
     * This record with every item that {@code check} finds a reason against replaced by an unreadable event that
     * keeps the item's JSON and gives the reason.
     */
    DecodedRecord keepingApart(Function<Received<?>, String> check) {
        List<Received<? extends WebhookItem>> kept = new ArrayList<>(items.size());
        boolean changed = false;
        for (Received<? extends WebhookItem> item : items) {
            String reason = check.apply(item);
            kept.add(reason == null ? item : unreadable(item, reason));
            changed |= reason != null;
        }
        return changed ? new DecodedRecord(record, kept, null) : this;
    }

    /** This one-item part as an unreadable event with the reason; without the item's JSON when that is refused too. */
    DecodedRecord asUnreadable(String reason, boolean withJson) {
        if (items.size() != 1) {
            throw new IllegalStateException("not a one-item part: " + items.size() + " items");
        }
        Received<? extends WebhookItem> item = items.get(0);
        Received<EventReceived> unreadable = unreadable(item, reason);
        if (!withJson) {
            EventReceived event = unreadable.item();
            unreadable = new Received<>(EventReceived.unreadable(event.business(), event.field(), null, null, reason), item.origin());
        }
        return new DecodedRecord(record, List.of(unreadable), null);
    }

    /** An item kept apart: its business, its field, its JSON, the reason; the record's origin. */
    private static Received<EventReceived> unreadable(Received<? extends WebhookItem> received, String reason) {
        WebhookItem item = received.item();
        EventReceived event = item instanceof EventReceived e
                ? EventReceived.unreadable(e.business(), StorageLimits.boundedField(e.field()), e.time(), e.payloadJson(),
                        e.reason() == null ? reason : e.reason() + "; " + reason)
                : EventReceived.unreadable(item.business(), item.field(), null, item.rawJson(), reason);
        return new Received<>(event, received.origin());
    }
}
