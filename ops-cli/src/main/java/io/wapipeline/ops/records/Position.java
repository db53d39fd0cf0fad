package io.wapipeline.ops.records;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.wapipeline.model.WebhookRecord;

/** Where a record is: topic, partition, offset. */
public record Position(String topic, int partition, long offset) {

    public static Position of(ConsumerRecord<?, ?> record) {
        return new Position(record.topic(), record.partition(), record.offset());
    }

    /**
     * The raw record a dead letter came from, as Spring's {@code kafka_dlt-original-*} headers name it; the dead
     * letter's own position when they are missing.
     */
    public static Position originalOf(ConsumerRecord<?, ?> deadLetter) {
        WebhookRecord.CopiedFrom origin = WebhookRecord.deadLetterOrigin(deadLetter);
        return new Position(origin.topic(), origin.partition(), origin.offset());
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
