package io.wapipeline.ops.records;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.wapipeline.model.WebhookTopics;

/**
 * Publishes records to the pipeline's topics as the ingest does (every replica acknowledges, idempotent, records up
 * to the topics' size limit); every send is acknowledged before {@link #flush()} returns.
 */
public final class RecordPublisher implements AutoCloseable {

    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaProducer<String, byte[]> producer;
    private final List<Future<RecordMetadata>> pending = new ArrayList<>();
    private long sent;

    public RecordPublisher(KafkaTarget kafka) {
        Properties properties = KafkaClients.properties(kafka);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(WebhookTopics.MAX_RECORD_BYTES));
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(ACK_TIMEOUT.toMillis()));
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "30000");
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        this.producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
    }

    public void send(ProducerRecord<String, byte[]> record) {
        pending.add(producer.send(record));
        sent++;
    }

    /** Waits until Kafka acknowledged every record sent so far; throws if one was refused. */
    public void flush() {
        producer.flush();
        for (Future<RecordMetadata> acknowledgement : pending) {
            try {
                acknowledgement.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("Kafka did not take a record: " + e.getMessage(), e);
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
