package io.wapipeline.ops.kafka;

import java.util.OptionalLong;

import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;

/**
 * One partition as {@code kafka topics} shows it.
 *
 * @param start the earliest offset kept
 * @param end   the offset the next record gets
 * @param bytes its size on disk, every replica counted; empty when unknown
 */
record PartitionState(TopicPartition partition, long start, long end, OptionalLong bytes, Node leader) {

    long records() {
        return end - start;
    }

    String leaderText() {
        return leader == null || leader.isEmpty() ? "none" : leader.id() + " (" + leader.host() + ":" + leader.port() + ")";
    }
}
