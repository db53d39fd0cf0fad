package io.wapipeline.worker.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.wapipeline.worker.system.Failures;
import io.wapipeline.worker.webhook.BatchWriter.BatchWritten;

/**
 * Writes decoded records in one transaction; when the database refuses them for good, finds what it refuses and
 * writes the rest. A permanent failure splits the records in halves, in order, until the failing records are alone;
 * a failing record is split into its items the same way. A refused item is kept as an unreadable event with the
 * reason; a record none of whose items can be stored goes to the dead-letter topic. A transient failure (database or
 * broker unreachable, deadlock) is thrown at once, so that the whole batch is retried: every write is idempotent.
 */
@Component
class IsolatingWriter {

    private static final Logger log = LoggerFactory.getLogger(IsolatingWriter.class);

    /** Stores every record that is not poison, and returns what was written and what is to be dead-lettered. */
    Stored store(List<DecodedRecord> records, Function<DecodedBatch, BatchWritten> write) {
        Stored stored = new Stored(write);
        List<DecodedRecord> good = new ArrayList<>(records.size());
        for (DecodedRecord record : records) {
            if (record.isPoison()) {
                stored.poison.add(record);
            }
            else {
                good.add(record);
            }
        }
        stored.bisect(good, stored::storeItemsApart);
        return stored;
    }

    /** What one batch wrote, and the records that go to the dead-letter topic. */
    static final class Stored {

        private final Function<DecodedBatch, BatchWritten> write;
        private final List<DecodedRecord> poison = new ArrayList<>();
        private BatchWritten written = BatchWritten.NOTHING;
        private int refusedItems;
        private int isolations;

        private Stored(Function<DecodedBatch, BatchWritten> write) {
            this.write = write;
        }

        List<DecodedRecord> poison() {
            return poison;
        }

        BatchWritten written() {
            return written;
        }

        /** Items the database refused, kept as unreadable events instead. */
        int refusedItems() {
            return refusedItems;
        }

        /** Permanent failures that had to be split to be found (0 when the batch was written at once). */
        int isolations() {
            return isolations;
        }

        /** Writes the parts together, else each half, and so on; a part that fails alone goes to {@code failedAlone}. */
        private void bisect(List<DecodedRecord> parts, BiConsumer<DecodedRecord, RuntimeException> failedAlone) {
            if (parts.isEmpty()) {
                return;
            }
            RuntimeException failure = tryWrite(parts);
            if (failure == null) {
                return;
            }
            isolations++;
            if (parts.size() == 1) {
                failedAlone.accept(parts.get(0), failure);
                return;
            }
            int half = parts.size() / 2;
            bisect(parts.subList(0, half), failedAlone);
            bisect(parts.subList(half, parts.size()), failedAlone);
        }

        /** A record the database refuses: its items one by one, the refused ones kept apart, or all of it dead-lettered. */
        private void storeItemsApart(DecodedRecord record, RuntimeException failure) {
            List<DecodedRecord> items = record.itemByItem();
            List<DecodedRecord> refused = new ArrayList<>();
            List<String> reasons = new ArrayList<>();
            bisect(items, (item, itemFailure) -> {
                refused.add(item);
                reasons.add(Failures.describe(itemFailure));
            });
            if (refused.size() == items.size()) {
                deadLetter(record, "the database refused every item of the record: " + Failures.describe(failure));
                return;
            }
            for (int i = 0; i < refused.size(); i++) {
                keepApart(record, refused.get(i), reasons.get(i));
            }
        }

        private void keepApart(DecodedRecord record, DecodedRecord item, String reason) {
            String stored = "the database refused the item: " + reason;
            if (tryWrite(List.of(item.asUnreadable(stored, true))) != null
                    && tryWrite(List.of(item.asUnreadable(stored + "; its JSON was refused too", false))) != null) {
                deadLetter(record, stored);
                return;
            }
            refusedItems++;
            log.warn("Kept an item of {}-{}@{} apart as unreadable: {}", record.record().topic(), record.record().partition(),
                    record.record().offset(), reason);
        }

        private void deadLetter(DecodedRecord record, String reason) {
            if (poison.stream().noneMatch(p -> p.record() == record.record())) {
                poison.add(DecodedRecord.poison(record.record(), reason));
            }
        }

        /** Null when written; the failure when it is permanent. A transient failure is thrown. */
        private RuntimeException tryWrite(List<DecodedRecord> parts) {
            try {
                written = written.plus(write.apply(new DecodedBatch(parts)));
                return null;
            }
            catch (RuntimeException failure) {
                if (Failures.isTransient(failure)) {
                    throw failure;
                }
                log.debug("Permanent failure writing {} part(s): {}", parts.size(), Failures.describe(failure), failure);
                return failure;
            }
        }
    }
}
