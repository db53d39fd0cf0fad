package io.wapipeline.worker.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.wapipeline.model.WebhookRecord;
import io.wapipeline.model.payload.NotAWebhookException;
import io.wapipeline.model.payload.ParsedWebhook;
import io.wapipeline.model.payload.WebhookParser;
import io.wapipeline.service.logging.LogText;
import io.wapipeline.model.payload.WebhookItem;
import io.wapipeline.worker.store.Received;
import io.wapipeline.worker.store.Origin;

/**
 * Parses raw records into items tagged with their origin; a record whose signature no trusted key made, or that the
 * parser refuses, becomes poison. The signature is checked before anything of the record is read.
 */
@Component
class RecordDecoder {

    private static final Logger log = LoggerFactory.getLogger(RecordDecoder.class);

    private final RecordSignatures signatures;

    RecordDecoder(RecordSignatures signatures) {
        this.signatures = signatures;
    }

    /** Every record decoded, in order; items that cannot be stored as they are already kept apart as unreadable. */
    List<DecodedRecord> decode(List<ConsumerRecord<String, byte[]>> records) {
        List<DecodedRecord> decoded = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            decoded.add(decode(record).keepingApart(StorageLimits::violation));
        }
        return decoded;
    }

    private DecodedRecord decode(ConsumerRecord<String, byte[]> record) {
        RecordSignatures.Verdict signature = signatures.check(record);
        return signature.accepted() ? parse(record, signature.signedBy()) : DecodedRecord.poison(record, signature.reason());
    }

    private DecodedRecord parse(ConsumerRecord<String, byte[]> record, String signedBy) {
        ParsedWebhook webhook;
        try {
            webhook = WebhookParser.parse(record.value() == null ? new byte[0] : record.value());
        }
        catch (NotAWebhookException unprocessable) {
            return DecodedRecord.poison(record, unprocessable.getMessage());
        }
        catch (RuntimeException parserFailure) {
            // The same bytes fail the same way every time: retrying would stop the partition for good.
            log.error("Parser failed on {}-{}@{}; dead-lettering it: {}", record.topic(), record.partition(), record.offset(),
                    LogText.escape(parserFailure.toString()));
            log.debug("Parser failure on {}-{}@{}", record.topic(), record.partition(), record.offset(), parserFailure);
            return DecodedRecord.poison(record, "parser failed: " + parserFailure);
        }
        Origin origin = origin(record, signedBy);
        List<Received<? extends WebhookItem>> items = new ArrayList<>(webhook.size() + webhook.contacts().size());
        for (List<? extends WebhookItem> kind : List.of(webhook.contacts(), webhook.messages(), webhook.statuses(),
                webhook.calls(), webhook.preferences(), webhook.syncedContacts(), webhook.events())) {
            kind.forEach(item -> items.add(new Received<>(item, origin)));
        }
        return new DecodedRecord(record, items, null);
    }

    /**
     * The raw record a webhook came from: the record itself, or for a copy sent by the operator tools (reprocess,
     * redrive) the raw record named in its origin headers, so rows keep pointing at what Meta sent.
     */
    private static Origin origin(ConsumerRecord<String, byte[]> record, String signedBy) {
        Instant receivedAt = WebhookRecord.read(record).receivedAt();
        try {
            return WebhookRecord.copiedFrom(record)
                    .map(copied -> new Origin(copied.topic(), copied.partition(), copied.offset(), receivedAt, signedBy))
                    .orElseGet(() -> new Origin(record.topic(), record.partition(), record.offset(), receivedAt, signedBy));
        }
        catch (IllegalArgumentException malformed) {
            log.warn("Malformed origin headers on {}-{}@{}; keeping the copy's own position", record.topic(),
                    record.partition(), record.offset());
            return new Origin(record.topic(), record.partition(), record.offset(), receivedAt, signedBy);
        }
    }
}
