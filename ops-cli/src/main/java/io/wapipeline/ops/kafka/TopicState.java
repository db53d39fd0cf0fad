package io.wapipeline.ops.kafka;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/** One topic as {@code kafka topics} shows it: its partitions, replication and configs, what it holds and takes on disk. */
record TopicState(TopicDescription description, Config config, List<PartitionState> partitions) {

    static List<TopicState> read(KafkaCluster cluster, List<TopicDescription> topics, DiskUsage usage) {
        List<String> names = topics.stream().map(TopicDescription::name).toList();
        List<TopicPartition> partitions = topics.stream().flatMap(topic -> KafkaCluster.partitionsOf(topic).stream()).toList();
        Map<TopicPartition, Long> starts = cluster.offsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> ends = cluster.offsets(partitions, OffsetSpec.latest());
        Map<String, Config> configs = cluster.configs(names);
        return topics.stream().map(topic -> new TopicState(topic, configs.get(topic.name()), topic.partitions().stream()
                .map(info -> partition(topic.name(), info, starts, ends, usage)).toList())).toList();
    }

    private static PartitionState partition(String topic, TopicPartitionInfo info, Map<TopicPartition, Long> starts,
            Map<TopicPartition, Long> ends, DiskUsage usage) {
        TopicPartition partition = new TopicPartition(topic, info.partition());
        return new PartitionState(partition, starts.get(partition), ends.get(partition), usage.of(partition), info.leader());
    }

    String name() {
        return description.name();
    }

    int replicationFactor() {
        return description.partitions().get(0).replicas().size();
    }

    long records() {
        return partitions.stream().mapToLong(PartitionState::records).sum();
    }

    /** Empty when the size of any partition is unknown. */
    OptionalLong bytes() {
        if (partitions.stream().anyMatch(partition -> partition.bytes().isEmpty())) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(partitions.stream().mapToLong(partition -> partition.bytes().getAsLong()).sum());
    }

    String config(String name) {
        ConfigEntry entry = config == null ? null : config.get(name);
        return entry == null || entry.value() == null ? "-" : entry.value();
    }
}
