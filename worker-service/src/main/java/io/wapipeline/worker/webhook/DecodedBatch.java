package io.wapipeline.worker.webhook;

import java.util.List;

import io.wapipeline.model.payload.EventReceived;
import io.wapipeline.model.payload.MessageReceived;
import io.wapipeline.model.payload.StatusReported;
import io.wapipeline.worker.store.Received;

/** Decoded records written together, in one transaction: all their messages, statuses and events. */
final class DecodedBatch {

    private final List<DecodedRecord> records;
    private final List<Received<MessageReceived>> messages;
    private final List<Received<StatusReported>> statuses;
    private final List<Received<EventReceived>> events;

    DecodedBatch(List<DecodedRecord> records) {
        this.records = List.copyOf(records);
        this.messages = this.records.stream().flatMap(r -> r.messages().stream()).toList();
        this.statuses = this.records.stream().flatMap(r -> r.statuses().stream()).toList();
        this.events = this.records.stream().flatMap(r -> r.events().stream()).toList();
    }

    List<DecodedRecord> records() {
        return records;
    }

    List<Received<MessageReceived>> messages() {
        return messages;
    }

    List<Received<StatusReported>> statuses() {
        return statuses;
    }

    List<Received<EventReceived>> events() {
        return events;
    }
}
