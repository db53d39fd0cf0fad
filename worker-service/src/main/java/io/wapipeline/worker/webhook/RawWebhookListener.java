package io.wapipeline.worker.webhook;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.wapipeline.model.WebhookTopics;

/**
 * Consumes {@code whatsapp.webhooks.raw} in batches. The batch's rows are committed to the database first, then its
 * poison records are dead-lettered; the container commits the offsets only after this method returns. Any failure
 * (database or broker down) is thrown to the container's error handler, which pauses and retries the same batch.
 */
@Component
class RawWebhookListener {

    static final String LISTENER_ID = "whatsapp-worker";

    private final RecordDecoder decoder;
    private final BatchWriter writer;
    private final DeadLetters deadLetters;
    private final WorkerMetrics metrics;

    RawWebhookListener(RecordDecoder decoder, BatchWriter writer, DeadLetters deadLetters, WorkerMetrics metrics) {
        this.decoder = decoder;
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    @KafkaListener(id = LISTENER_ID, groupId = "${whatsapp.worker.group-id:whatsapp-worker}", topics = WebhookTopics.RAW, batch = "true",
            concurrency = "${whatsapp.worker.concurrency:2}", autoStartup = "${whatsapp.worker.consume:true}")
    void consume(List<ConsumerRecord<String, byte[]>> records) {
        long start = System.nanoTime();
        DecodedBatch batch = decoder.decode(records);
        var written = writer.write(batch);
        deadLetters.publish(batch.poison());
        metrics.batchDone(batch, written, start);
    }
}
