package io.wapipeline.worker.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.wapipeline.model.payload.EventReceived;
import io.wapipeline.model.payload.MessageReceived;
import io.wapipeline.model.payload.StatusReported;
import io.wapipeline.worker.store.Received;

/**
 * One consumed record, decoded: every item it carries tagged with its origin, or, for a record that can never be
 * processed (not JSON, not a WhatsApp webhook, nothing in it storable), the reason it goes to the dead-letter topic.
 */
record DecodedRecord(ConsumerRecord<String, byte[]> record, List<Received<MessageReceived>> messages,
        List<Received<StatusReported>> statuses, List<Received<EventReceived>> events, String poisonReason) {

    DecodedRecord {
        messages = List.copyOf(messages);
        statuses = List.copyOf(statuses);
        events = List.copyOf(events);
    }

    static DecodedRecord poison(ConsumerRecord<String, byte[]> record, String reason) {
        return new DecodedRecord(record, List.of(), List.of(), List.of(), reason);
    }

    boolean isPoison() {
        return poisonReason != null;
    }

    int items() {
        return messages.size() + statuses.size() + events.size();
    }

    /** The same record as one part per item, in the order they are written: messages, statuses, events. */
    List<DecodedRecord> itemByItem() {
        List<DecodedRecord> parts = new ArrayList<>(items());
        messages.forEach(m -> parts.add(new DecodedRecord(record, List.of(m), List.of(), List.of(), null)));
        statuses.forEach(s -> parts.add(new DecodedRecord(record, List.of(), List.of(s), List.of(), null)));
        events.forEach(e -> parts.add(new DecodedRecord(record, List.of(), List.of(), List.of(e), null)));
        return parts;
    }

    /**
     * This record with every item that {@code check} finds a reason against replaced by an unreadable event that
     * keeps the item's JSON and gives the reason.
     */
    DecodedRecord keepingApart(Function<Received<?>, String> check) {
        List<Received<MessageReceived>> keptMessages = new ArrayList<>();
        List<Received<StatusReported>> keptStatuses = new ArrayList<>();
        List<Received<EventReceived>> keptEvents = new ArrayList<>();
        List<Received<EventReceived>> apart = new ArrayList<>();
        sort(messages, check, keptMessages, apart);
        sort(statuses, check, keptStatuses, apart);
        sort(events, check, keptEvents, apart);
        if (apart.isEmpty()) {
            return this;
        }
        keptEvents.addAll(apart);
        return new DecodedRecord(record, keptMessages, keptStatuses, keptEvents, null);
    }

    /** This one-item part as an unreadable event with the reason; without the item's JSON when that is refused too. */
    DecodedRecord asUnreadable(String reason, boolean withJson) {
        Received<?> item = onlyItem();
        Received<EventReceived> unreadable = unreadable(item, reason);
        if (!withJson) {
            EventReceived event = unreadable.item();
            unreadable = new Received<>(EventReceived.unreadable(event.business(), event.field(), null, null, reason), item.origin());
        }
        return new DecodedRecord(record, List.of(), List.of(), List.of(unreadable), null);
    }

    private Received<?> onlyItem() {
        if (items() != 1) {
            throw new IllegalStateException("not a one-item part: " + items() + " items");
        }
        return !messages.isEmpty() ? messages.get(0) : !statuses.isEmpty() ? statuses.get(0) : events.get(0);
    }

    private static <T> void sort(List<Received<T>> items, Function<Received<?>, String> check, List<Received<T>> kept,
            List<Received<EventReceived>> apart) {
        for (Received<T> item : items) {
            String reason = check.apply(item);
            if (reason == null) {
                kept.add(item);
            }
            else {
                apart.add(unreadable(item, reason));
            }
        }
    }

    /** An item kept apart: its business, its field, its JSON, the reason; the record's origin. */
    private static Received<EventReceived> unreadable(Received<?> item, String reason) {
        EventReceived event;
        if (item.item() instanceof MessageReceived m) {
            event = EventReceived.unreadable(m.business(), "messages", null, m.rawJson(), reason);
        }
        else if (item.item() instanceof StatusReported s) {
            event = EventReceived.unreadable(s.business(), "messages", null, s.rawJson(), reason);
        }
        else if (item.item() instanceof EventReceived e) {
            event = EventReceived.unreadable(e.business(), StorageLimits.boundedField(e.field()), e.time(),
                    e.payloadJson(), e.reason() == null ? reason : e.reason() + "; " + reason);
        }
        else {
            throw new IllegalArgumentException("not a webhook item: " + item.item().getClass());
        }
        return new Received<>(event, item.origin());
    }
}
