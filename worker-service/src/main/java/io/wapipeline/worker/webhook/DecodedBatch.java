package io.wapipeline.worker.webhook;

import java.util.List;

import io.wapipeline.model.payload.WebhookItem;
import io.wapipeline.worker.store.Received;

/** Decoded records written together, in one transaction: all their items, by kind. */
final class DecodedBatch {

    private final List<DecodedRecord> records;

    DecodedBatch(List<DecodedRecord> records) {
        this.records = List.copyOf(records);
    }

    List<DecodedRecord> records() {
        return records;
    }

    /** Every item of the batch, record by record. */
    List<Received<? extends WebhookItem>> items() {
        return records.stream().flatMap(r -> r.items().stream()).toList();
    }

    /** Every item of one kind in the batch, record by record. */
    <T extends WebhookItem> List<Received<T>> of(Class<T> kind) {
        return records.stream().flatMap(r -> r.of(kind).stream()).toList();
    }
}
