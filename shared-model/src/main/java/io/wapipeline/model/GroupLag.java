package io.wapipeline.model;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group is behind on a topic, read with the admin client so nothing joins the group: per partition,
 * the end offset less where the group reads next. A partition the group never committed is read from the earliest
 * record kept (the worker's {@code auto-offset-reset: earliest}), and records retention deleted are not there to read,
 * so the lag counts from the later of the committed and the earliest offset. The worker's gauges, {@code wa-ops doctor},
 * {@code wa-ops kafka group} and the local stack all read it here.
 *
 * @param partitions each partition of the topic, by number
 */
public record GroupLag(List<Partition> partitions) {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * One partition.
     *
     * @param start     the earliest offset kept
     * @param end       the offset the next record will get
     * @param committed the group's committed offset, empty when it never committed one
     */
    public record Partition(TopicPartition partition, long start, long end, OptionalLong committed) {

        /** Where the group reads next: its committed offset, or the earliest kept. */
        public long next() {
            return Math.max(start, committed.orElse(start));
        }

        public long lag() {
            return Math.max(0, end - next());
        }

        /** Records the partition keeps. */
        public long records() {
            return end - start;
        }
    }

    public GroupLag {
        partitions = partitions.stream().sorted(Comparator.comparingInt(p -> p.partition().partition())).toList();
    }

    /** The records not yet committed by the group, over all partitions. */
    public long lag() {
        return partitions.stream().mapToLong(Partition::lag).sum();
    }

    /** The records the topic keeps, over all partitions. */
    public long records() {
        return partitions.stream().mapToLong(Partition::records).sum();
    }

    public static GroupLag of(Admin admin, String group, String topic) throws Exception {
        return of(admin, group, topic, DEFAULT_TIMEOUT);
    }

    /** Reads the group's lag on {@code topic}, each call to the broker bounded by {@code timeout}. */
    public static GroupLag of(Admin admin, String group, String topic, Duration timeout) throws Exception {
        long millis = timeout.toMillis();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(millis, TimeUnit.MILLISECONDS);
        List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(millis, TimeUnit.MILLISECONDS)
                .get(topic).partitions().stream().map(partition -> new TopicPartition(topic, partition.partition())).toList();
        Map<TopicPartition, Long> starts = offsets(admin, partitions, OffsetSpec.earliest(), millis);
        Map<TopicPartition, Long> ends = offsets(admin, partitions, OffsetSpec.latest(), millis);
        return new GroupLag(partitions.stream().map(partition -> {
            OffsetAndMetadata done = committed.get(partition);
            return new Partition(partition, starts.get(partition), ends.get(partition),
                    done == null ? OptionalLong.empty() : OptionalLong.of(done.offset()));
        }).toList());
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec, long millis)
            throws Exception {
        Map<TopicPartition, OffsetSpec> query = partitions.stream().collect(Collectors.toMap(Function.identity(), partition -> spec));
        return admin.listOffsets(query).all().get(millis, TimeUnit.MILLISECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, offset -> offset.getValue().offset()));
    }
}
