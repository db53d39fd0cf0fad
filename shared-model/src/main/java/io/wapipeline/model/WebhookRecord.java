package io.wapipeline.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A raw webhook record as it is kept on Kafka: Meta's body byte for byte as the value, the partition key (the first
 * contact's number, or none) and the ingest's {@link WebhookHeaders} (when it was received, the request id, the
 * signature). The one place that writes and reads them; the ingest, the worker, {@code wa-ops}, the bench and the
 * tests all go through it.
 *
 * @param key        the partition key, or {@code null} for none
 * @param body       the body exactly as received
 * @param receivedAt when the ingest received it
 * @param requestId  the id the ingest gave the request, or {@code null} on a record written without one
 * @param signature  Meta's {@code X-Hub-Signature-256} header as received, or {@code null}
 */
public record WebhookRecord(String key, byte[] body, Instant receivedAt, String requestId, String signature) {

    /** The headers a copy does not carry over from the record it copies: they describe that record's own history. */
    private static final List<String> HISTORY_HEADERS = List.of(WebhookHeaders.DEAD_LETTER_REASON, WebhookHeaders.ORIGIN_TOPIC,
            WebhookHeaders.ORIGIN_PARTITION, WebhookHeaders.ORIGIN_OFFSET);
    /** Spring Kafka's dead-letter headers ({@code kafka_dlt-original-offset}, ...). */
    public static final String SPRING_DEAD_LETTER_PREFIX = "kafka_dlt-";

    /** Where a copy (reprocess, redrive) came from: the raw record it stands for. */
    public record CopiedFrom(String topic, int partition, long offset) {
    }

    /** A record for {@code body}, keyed by {@link PartitionKey} (which may throw on a body it cannot read). */
    public static WebhookRecord keyed(byte[] body, Instant receivedAt, String requestId, String signature) {
        return new WebhookRecord(PartitionKey.of(body).orElse(null), body, receivedAt, requestId, signature);
    }

    /** The record for the raw topic, on the partition its key chooses. */
    public ProducerRecord<String, byte[]> toProducerRecord() {
        return toProducerRecord(WebhookTopics.RAW, null);
    }

    /** The record for {@code topic}; {@code partition} {@code null} lets the key choose. */
    public ProducerRecord<String, byte[]> toProducerRecord(String topic, Integer partition) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(WebhookHeaders.RECEIVED_AT, text(receivedAt.toString()));
        if (requestId != null) {
            headers.add(WebhookHeaders.REQUEST_ID, text(requestId));
        }
        if (signature != null) {
            headers.add(WebhookHeaders.SIGNATURE, text(signature));
        }
        return new ProducerRecord<>(topic, partition, key, body, headers);
    }

    /**
     * Reads a record of any of the webhook topics. A missing or malformed receive time is the record's own timestamp;
     * a missing value is an empty body.
     */
    public static WebhookRecord read(ConsumerRecord<String, byte[]> record) {
        return new WebhookRecord(record.key(), record.value() == null ? new byte[0] : record.value(), receivedAt(record),
                header(record.headers(), WebhookHeaders.REQUEST_ID).orElse(null),
                header(record.headers(), WebhookHeaders.SIGNATURE).orElse(null));
    }

    /**
     * The raw record a copy stands for, or empty when this is not a copy (its origin headers are absent).
     *
     * @throws IllegalArgumentException when the origin headers are there but not numbers
     */
    public static Optional<CopiedFrom> copiedFrom(ConsumerRecord<?, ?> record) {
        Optional<String> topic = header(record.headers(), WebhookHeaders.ORIGIN_TOPIC);
        Optional<String> partition = header(record.headers(), WebhookHeaders.ORIGIN_PARTITION);
        Optional<String> offset = header(record.headers(), WebhookHeaders.ORIGIN_OFFSET);
        if (topic.isEmpty() || partition.isEmpty() || offset.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CopiedFrom(topic.get(), Integer.parseInt(partition.get()), Long.parseLong(offset.get())));
        }
        catch (NumberFormatException malformed) {
            throw new IllegalArgumentException("malformed origin headers: partition '" + partition.get() + "', offset '"
                    + offset.get() + "'", malformed);
        }
    }

    /**
     * A copy of {@code record} for {@code topic} standing for the raw record at {@code origin}: the same key, value and
     * headers, without the dead-letter and origin headers of its own history, with the origin's.
     */
    public static ProducerRecord<String, byte[]> copy(ConsumerRecord<String, byte[]> record, CopiedFrom origin, String topic) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith(SPRING_DEAD_LETTER_PREFIX) && !HISTORY_HEADERS.contains(header.key())) {
                headers.add(header);
            }
        }
        headers.add(WebhookHeaders.ORIGIN_TOPIC, text(origin.topic()));
        headers.add(WebhookHeaders.ORIGIN_PARTITION, text(Integer.toString(origin.partition())));
        headers.add(WebhookHeaders.ORIGIN_OFFSET, text(Long.toString(origin.offset())));
        return new ProducerRecord<>(topic, null, record.key(), record.value(), headers);
    }

    /**
     * The raw record a dead letter was made from, by Spring Kafka's {@code kafka_dlt-original-*} headers (the topic as
     * text, the partition and offset as big-endian numbers), or the dead letter's own place when they are missing or
     * malformed.
     */
    public static CopiedFrom deadLetterOrigin(ConsumerRecord<?, ?> deadLetter) {
        Header topic = deadLetter.headers().lastHeader(SPRING_DEAD_LETTER_PREFIX + "original-topic");
        Header partition = deadLetter.headers().lastHeader(SPRING_DEAD_LETTER_PREFIX + "original-partition");
        Header offset = deadLetter.headers().lastHeader(SPRING_DEAD_LETTER_PREFIX + "original-offset");
        if (topic == null || partition == null || offset == null || topic.value() == null || partition.value() == null
                || offset.value() == null || partition.value().length != Integer.BYTES || offset.value().length != Long.BYTES) {
            return new CopiedFrom(deadLetter.topic(), deadLetter.partition(), deadLetter.offset());
        }
        return new CopiedFrom(new String(topic.value(), StandardCharsets.UTF_8), java.nio.ByteBuffer.wrap(partition.value()).getInt(),
                java.nio.ByteBuffer.wrap(offset.value()).getLong());
    }

    /** The last header of that name as UTF-8 text, if there is one with a value. */
    public static Optional<String> header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static Instant receivedAt(ConsumerRecord<String, byte[]> record) {
        Optional<String> header = header(record.headers(), WebhookHeaders.RECEIVED_AT);
        if (header.isPresent()) {
            try {
                return Instant.parse(header.get());
            }
            catch (DateTimeParseException malformed) {
                // a record written by hand: its own timestamp is the next best thing
            }
        }
        return Instant.ofEpochMilli(record.timestamp());
    }

    private static byte[] text(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookRecord that && java.util.Objects.equals(key, that.key)
                && java.util.Arrays.equals(body, that.body) && receivedAt.equals(that.receivedAt)
                && java.util.Objects.equals(requestId, that.requestId) && java.util.Objects.equals(signature, that.signature);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(key, java.util.Arrays.hashCode(body), receivedAt, requestId, signature);
    }

    @Override
    public String toString() {
        return "WebhookRecord[key=" + key + ", " + body.length + " bytes, receivedAt=" + receivedAt + ", requestId=" + requestId + "]";
    }
}
