package io.wapipeline.ops.doctor;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import io.wapipeline.ops.Failures;
import io.wapipeline.model.WebhookTopics;

/** Workers are connected to the raw topic and keep up: the group's lag is under the limit. */
final class ConsumerLagCheck implements Check {

    private final KafkaAdmin kafka;
    private final String group;
    private final long maxLag;

    ConsumerLagCheck(KafkaAdmin kafka, String group, long maxLag) {
        this.kafka = kafka;
        this.group = group;
        this.maxLag = maxLag;
    }

    @Override
    public String name() {
        return "worker consumer lag";
    }

    @Override
    public Result run() {
        try {
            Admin admin = kafka.admin();
            Map<TopicPartition, Long> ends = endOffsets(admin);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            int members = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)
                    .get(10, TimeUnit.SECONDS).members().size();
            return judge(ends, committed, members);
        }
        catch (Exception failure) {
            return Result.fail("could not read group " + group + ": " + Failures.rootMessage(failure),
                    "fix the Kafka check first; if it passes, check --group (the worker's whatsapp.worker.group-id)");
        }
    }

    private Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
        var partitions = admin.describeTopics(List.of(WebhookTopics.RAW)).allTopicNames().get(10, TimeUnit.SECONDS)
                .get(WebhookTopics.RAW).partitions();
        Map<TopicPartition, OffsetSpec> latest = partitions.stream().collect(Collectors.toMap(
                p -> new TopicPartition(WebhookTopics.RAW, p.partition()), p -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResultInfo> result = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
        return result.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private Result judge(Map<TopicPartition, Long> ends, Map<TopicPartition, OffsetAndMetadata> committed, int members) {
        long total = ends.values().stream().mapToLong(Long::longValue).sum();
        long lag = ends.entrySet().stream().mapToLong(e -> e.getValue()
                - (committed.containsKey(e.getKey()) ? committed.get(e.getKey()).offset() : 0)).sum();
        String seen = "group " + group + ": " + members + " consumer(s), lag " + lag + " of " + total + " records";
        if (members == 0 && lag > 0) {
            return Result.fail(seen, "no worker is consuming: start the worker with this KAFKA_BOOTSTRAP_SERVERS (its log says "
                    + "'partitions assigned'); if one runs, check its whatsapp.worker.group-id");
        }
        if (lag > maxLag) {
            return Result.fail(seen + " (limit " + maxLag + ")", "workers fall behind: look for 'failed (attempt' retries in "
                    + "the worker log (database down?), or add workers (up to the partition count) or raise whatsapp.worker.concurrency");
        }
        return Result.pass(seen);
    }
}
