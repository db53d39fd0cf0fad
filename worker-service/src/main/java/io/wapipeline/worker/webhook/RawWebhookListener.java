package io.wapipeline.worker.webhook;

import java.util.List;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.wapipeline.model.WebhookTopics;
import io.wapipeline.worker.config.WorkerProperties;
import io.wapipeline.worker.webhook.BatchWriter.BatchWritten;

/**
 * Consumes {@code whatsapp.webhooks.raw} in batches. The batch's rows are committed to the database first, then its
 * poison records are dead-lettered; the container commits the offsets only after this method returns. What the
 * database refuses for good is isolated ({@link IsolatingWriter}); a transient failure (database or broker down) is
 * thrown to the container's error handler, which pauses and retries the same batch.
 *
 * <p>Also consumes {@code whatsapp.webhooks.reprocess}: copies of raw records an operator sends through again after a
 * parser fix ({@code wa-ops replay --reprocess}) or out of the dead-letter topic ({@code wa-ops redrive}). Those are
 * written with overwrite semantics, in a consumer group of their own, so the live group's offsets are never touched.
 */
@Component
class RawWebhookListener {

    static final String LISTENER_ID = WebhookTopics.DEFAULT_WORKER_GROUP;
    static final String REPROCESS_LISTENER_ID = WebhookTopics.DEFAULT_WORKER_GROUP + WebhookTopics.REPROCESS_GROUP_SUFFIX;

    private final RecordDecoder decoder;
    private final IsolatingWriter isolating;
    private final BatchWriter writer;
    private final DeadLetters deadLetters;
    private final PartitionProgress progress;
    private final WorkerMetrics metrics;
    private final WorkerProperties properties;

    RawWebhookListener(RecordDecoder decoder, IsolatingWriter isolating, BatchWriter writer, DeadLetters deadLetters,
            PartitionProgress progress, WorkerMetrics metrics, WorkerProperties properties) {
        this.properties = properties;
        this.decoder = decoder;
        this.isolating = isolating;
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.progress = progress;
        this.metrics = metrics;
    }

    // "__listener" is this bean: the group and the concurrency come from WorkerProperties, where their defaults are.
    @KafkaListener(id = LISTENER_ID, groupId = "#{__listener.groupId()}", topics = WebhookTopics.RAW, batch = "true",
            concurrency = "#{__listener.concurrency()}", autoStartup = "${whatsapp.worker.consume:true}")
    void consume(List<ConsumerRecord<String, byte[]>> records) {
        process(records, writer::write);
    }

    @KafkaListener(id = REPROCESS_LISTENER_ID, groupId = "#{__listener.reprocessGroupId()}",
            topics = WebhookTopics.REPROCESS, batch = "true", concurrency = "1",
            autoStartup = "${whatsapp.worker.reprocess:${whatsapp.worker.consume:true}}")
    void reprocess(List<ConsumerRecord<String, byte[]>> records) {
        process(records, writer::rewrite);
    }

    public String groupId() {
        return properties.groupId();
    }

    public String reprocessGroupId() {
        return properties.reprocessGroupId();
    }

    public String concurrency() {
        return Integer.toString(properties.concurrency());
    }

    private void process(List<ConsumerRecord<String, byte[]>> records, Function<DecodedBatch, BatchWritten> write) {
        long start = System.nanoTime();
        progress.attempting(records);
        List<DecodedRecord> decoded = decoder.decode(records);
        IsolatingWriter.Stored stored = isolating.store(decoded, write);
        deadLetters.publish(stored.poison());
        progress.stored(records);
        metrics.batchDone(decoded, stored, start);
    }
}
