package io.wapipeline.model;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer group is behind on a topic: the sum over partitions of the end offset minus the group's committed
 * offset (a partition the group never committed counts from 0). Read with the admin client, so nothing joins the group.
 *
 * @param records every record the topic holds (the sum of its end offsets)
 * @param lag     records not yet committed by the group
 */
public record GroupLag(long records, long lag) {

    public static GroupLag of(Admin admin, String group, String topic) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, Long> ends = endOffsets(admin, topic);
        long records = ends.values().stream().mapToLong(Long::longValue).sum();
        long lag = ends.entrySet().stream().mapToLong(end -> end.getValue()
                - (committed.containsKey(end.getKey()) ? committed.get(end.getKey()).offset() : 0)).sum();
        return new GroupLag(records, lag);
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
        var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions();
        Map<TopicPartition, OffsetSpec> latest = partitions.stream().collect(Collectors.toMap(
                partition -> new TopicPartition(topic, partition.partition()), partition -> OffsetSpec.latest()));
        return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, end -> end.getValue().offset()));
    }
}
