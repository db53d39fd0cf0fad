package io.wapipeline.ops.records;

import org.apache.kafka.clients.consumer.ConsumerRecord;

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
        var topic = Headers.text(deadLetter, Headers.DLT_ORIGINAL_TOPIC);
        var partition = Headers.text(deadLetter, Headers.DLT_ORIGINAL_PARTITION);
        var offset = Headers.text(deadLetter, Headers.DLT_ORIGINAL_OFFSET);
        if (topic.isEmpty() || partition.isEmpty() || offset.isEmpty()) {
            return of(deadLetter);
        }
        try {
            return new Position(topic.get(), Integer.parseInt(partition.get()), Long.parseLong(offset.get()));
        }
        catch (NumberFormatException malformed) {
            return of(deadLetter);
        }
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
