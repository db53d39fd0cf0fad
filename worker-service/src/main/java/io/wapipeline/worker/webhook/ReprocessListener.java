package io.wapipeline.worker.webhook;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.wapipeline.model.WebhookTopics;

/**
 * Consumes {@code whatsapp.webhooks.reprocess}: copies of raw records that an operator sends through again after a
 * parser fix ({@code wa-ops replay --reprocess}) or out of the dead-letter topic ({@code wa-ops redrive}). They are
 * written with overwrite semantics, in a consumer group of their own, so the live group's offsets are never touched.
 * Failures are retried like the raw topic's; records that still cannot be processed are dead-lettered again.
 */
@Component
class ReprocessListener {

    static final String LISTENER_ID = "whatsapp-worker-reprocess";

    private final RecordDecoder decoder;
    private final BatchWriter writer;
    private final DeadLetters deadLetters;
    private final WorkerMetrics metrics;

    ReprocessListener(RecordDecoder decoder, BatchWriter writer, DeadLetters deadLetters, WorkerMetrics metrics) {
        this.decoder = decoder;
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    @KafkaListener(id = LISTENER_ID, groupId = "${whatsapp.worker.group-id:whatsapp-worker}-reprocess",
            topics = WebhookTopics.REPROCESS, batch = "true", concurrency = "1",
            autoStartup = "${whatsapp.worker.consume:true}")
    void consume(List<ConsumerRecord<String, byte[]>> records) {
        long start = System.nanoTime();
        DecodedBatch batch = decoder.decode(records);
        var written = writer.rewrite(batch);
        deadLetters.publish(batch.poison());
        metrics.batchDone(batch, written, start);
    }
}
