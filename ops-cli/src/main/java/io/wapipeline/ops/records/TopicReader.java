package io.wapipeline.ops.records;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.wapipeline.model.WebhookTopics;

/**
 * Reads the selected range of a topic once, partition by partition, with assigned partitions and no group id: nothing
 * is committed, so the worker's consumer group is never touched. Stops at the end offsets seen when it started.
 */
public final class TopicReader implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final int MAX_EMPTY_POLLS = 60;

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;

    public TopicReader(KafkaTarget kafka, String topic) {
        Properties properties = KafkaClients.properties(kafka);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(WebhookTopics.MAX_RECORD_BYTES));
        properties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        this.consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
    }

    /** Hands every selected record to {@code sink}, in partition then offset order; returns how many were read. */
    public long read(Selection selection, Consumer<ConsumerRecord<String, byte[]>> sink) {
        long read = 0;
        for (TopicPartition partition : partitions(selection)) {
            read += readPartition(partition, selection, sink);
        }
        return read;
    }

    private long readPartition(TopicPartition partition, Selection selection, Consumer<ConsumerRecord<String, byte[]>> sink) {
        consumer.assign(List.of(partition));
        long end = Math.min(consumer.endOffsets(List.of(partition)).get(partition),
                selection.toOffset().map(last -> last + 1).orElse(Long.MAX_VALUE));
        long position = startOffset(partition, selection);
        consumer.seek(partition, position);
        long read = 0;
        int emptyPolls = 0;
        while (position < end) {
            List<ConsumerRecord<String, byte[]>> records = consumer.poll(POLL).records(partition);
            emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
            if (emptyPolls > MAX_EMPTY_POLLS) {
                throw new IllegalStateException("no records from " + partition + " at offset " + position + " for "
                        + POLL.multipliedBy(MAX_EMPTY_POLLS).toSeconds() + " s: is Kafka reachable?");
            }
            for (ConsumerRecord<String, byte[]> record : records) {
                if (record.offset() >= end) {
                    return read;
                }
                read++;
                position = record.offset() + 1;
                if (selection.matches(record)) {
                    sink.accept(record);
                }
            }
            position = Math.max(position, consumer.position(partition));
        }
        return read;
    }

    private long startOffset(TopicPartition partition, Selection selection) {
        long earliest = consumer.beginningOffsets(List.of(partition)).get(partition);
        long start = Math.max(earliest, selection.fromOffset().orElse(earliest));
        if (selection.from().isPresent()) {
            Map<TopicPartition, Long> query = new HashMap<>(Map.of(partition, selection.from().get().toEpochMilli()));
            OffsetAndTimestamp found = consumer.offsetsForTimes(query).get(partition);
            long byTime = found == null ? consumer.endOffsets(List.of(partition)).get(partition) : found.offset();
            start = Math.max(start, byTime);
        }
        return start;
    }

    private List<TopicPartition> partitions(Selection selection) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalArgumentException("topic " + topic + " does not exist");
        }
        return infos.stream().map(info -> new TopicPartition(topic, info.partition()))
                .filter(tp -> selection.partitions().isEmpty() || selection.partitions().contains(tp.partition()))
                .sorted(java.util.Comparator.comparingInt(TopicPartition::partition)).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
