package io.wapipeline.ops.records;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.wapipeline.model.WebhookRecord;
import io.wapipeline.model.WebhookTopics;

/**
 * Sends copies of records to {@code whatsapp.webhooks.reprocess}, where the worker writes them with overwrite
 * semantics. A copy keeps the value, key and the ingest's headers, and names the raw record it stands for in the
 * origin headers, so the rows it rewrites keep pointing at what Meta sent. Every send is acknowledged before
 * {@link #flush()} returns.
 */
public final class CopyPublisher implements AutoCloseable {

    private final RecordPublisher publisher;

    public CopyPublisher(KafkaTarget kafka) {
        this.publisher = new RecordPublisher(kafka);
    }

    /** Sends a copy of {@code record} standing for the raw record at {@code origin}. */
    public void send(ConsumerRecord<String, byte[]> record, Position origin) {
        publisher.send(WebhookRecord.copy(record,
                new WebhookRecord.CopiedFrom(origin.topic(), origin.partition(), origin.offset()), WebhookTopics.REPROCESS));
    }

    /** Waits until Kafka acknowledged every copy sent so far; throws if one was refused. */
    public void flush() {
        publisher.flush();
    }

    public long sent() {
        return publisher.sent();
    }

    @Override
    public void close() {
        publisher.close();
    }
}
