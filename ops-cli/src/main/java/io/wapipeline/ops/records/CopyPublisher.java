package io.wapipeline.ops.records;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.wapipeline.model.WebhookRecord;
import io.wapipeline.model.WebhookTopics;

/**
 * Sends copies of records to {@code whatsapp.webhooks.reprocess}, where the worker writes them with overwrite
 * semantics. A copy keeps the value, key and the ingest's headers, and names the raw record it stands for in the
 * origin headers, so the rows it rewrites keep pointing at what Meta sent. Every send is acknowledged before
 * {@link #flush()} returns.
 */
public final class CopyPublisher implements AutoCloseable {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaProducer<String, byte[]> producer;
    private final List<Future<RecordMetadata>> pending = new ArrayList<>();
    private long sent;

    public CopyPublisher(String bootstrapServers) {
        Properties properties = KafkaClients.properties(bootstrapServers);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(WebhookTopics.MAX_RECORD_BYTES));
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(ACK_TIMEOUT.toMillis()));
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "30000");
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        this.producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends a copy of {@code record} standing for the raw record at {@code origin}. */
    public void send(ConsumerRecord<String, byte[]> record, Position origin) {
        pending.add(producer.send(WebhookRecord.copy(record,
                new WebhookRecord.CopiedFrom(origin.topic(), origin.partition(), origin.offset()), WebhookTopics.REPROCESS)));
        sent++;
    }

    /** Waits until Kafka acknowledged every copy sent so far; throws if one was refused. */
    public void flush() {
        producer.flush();
        for (Future<RecordMetadata> acknowledgement : pending) {
            try {
                acknowledgement.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("Kafka did not take a copy: " + e.getMessage(), e);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Kafka", e);
            }
        }
        pending.clear();
    }

    public long sent() {
        return sent;
    }


    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
