package io.wapipeline.ops.kafka;

import java.util.OptionalLong;

import org.apache.kafka.common.TopicPartition;

/**
 * How far a group is behind on one partition. With no committed offset the group starts at the earliest record kept
 * (the worker's {@code auto-offset-reset: earliest}), and records deleted by retention are no longer there to read, so
 * the lag counts from the later of the committed and the earliest offset.
 */
record PartitionLag(TopicPartition partition, long start, long end, OptionalLong committed) {

    long records() {
        return end - start;
    }

    long lag() {
        return Math.max(0, end - Math.max(start, committed.orElse(start)));
    }

    String committedText() {
        return committed.isPresent() ? Long.toString(committed.getAsLong()) : "none";
    }
}
