package io.wapipeline.ops.kafka;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.apache.kafka.common.TopicPartition;

/**
 * The bytes each partition takes on disk, or why they are unknown: a broker may refuse to describe its log
 * directories (it needs the Describe permission on the cluster) while it answers everything else.
 */
record DiskUsage(Map<TopicPartition, Long> bytes, Optional<String> unknownBecause) {

    static DiskUsage read(KafkaCluster cluster) {
        try {
            return new DiskUsage(cluster.diskUsage(), Optional.empty());
        }
        catch (IllegalStateException refused) {
            return new DiskUsage(Map.of(), Optional.of(refused.getMessage()));
        }
    }

    OptionalLong of(TopicPartition partition) {
        Long size = bytes.get(partition);
        return size == null ? OptionalLong.empty() : OptionalLong.of(size);
    }
}
