package io.wapipeline.ops.kafka;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import picocli.CommandLine.Option;

/** Where {@code reset-offsets} moves a group to: exactly one of a time, the earliest record kept, or the end. */
final class OffsetTarget {

    @Option(names = "--to-datetime", paramLabel = "TIME", required = true,
            description = "The first record at or after this time, ISO-8601 (2026-11-24T09:00:00Z); the end of a "
                    + "partition with no record that late.")
    Instant dateTime;

    @Option(names = "--to-earliest", required = true, description = "The earliest record each partition keeps.")
    boolean earliest;

    @Option(names = "--to-latest", required = true, description = "The end of each partition: everything there is skipped.")
    boolean latest;

    Map<TopicPartition, Long> offsets(KafkaCluster cluster, List<TopicPartition> partitions) {
        if (earliest) {
            return cluster.offsets(partitions, OffsetSpec.earliest());
        }
        Map<TopicPartition, Long> ends = cluster.offsets(partitions, OffsetSpec.latest());
        if (latest) {
            return ends;
        }
        Map<TopicPartition, Long> byTime = cluster.offsets(partitions, OffsetSpec.forTimestamp(dateTime.toEpochMilli()));
        return ends.keySet().stream().collect(Collectors.toMap(partition -> partition,
                partition -> byTime.get(partition) < 0 ? ends.get(partition) : byTime.get(partition)));
    }

    String describe() {
        return earliest ? "the earliest record kept" : latest ? "the end" : "the first record at or after " + dateTime;
    }
}
