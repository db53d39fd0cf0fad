package io.wapipeline.worker.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.wapipeline.model.WebhookTopics;

/**
 * The worker's own settings ({@code whatsapp.worker.*}); Kafka and the database use Boot's keys.
 *
 * @param groupId         the consumer group every worker instance joins
 * @param concurrency     consumers per instance; all instances together use at most as many as there are partitions
 * @param topicPartitions partitions of the raw and dead-letter topics when the worker creates them
 * @param topicReplicas   their replicas when the worker creates them
 * @param retryInitial    first pause after a failed batch; it doubles up to {@code retryMax}, without end, each pause
 *                        varied by up to half of this so that workers do not retry in step
 * @param retryMax        longest pause between attempts at a failed batch: how soon a database that is back is used
 * @param stallTimeout    how long a partition may wait on a failing batch before health reports OUT_OF_SERVICE
 * @param summaryInterval how often the INFO activity summary is logged
 */
@ConfigurationProperties("whatsapp.worker")
public record WorkerProperties(
        @DefaultValue(WebhookTopics.DEFAULT_WORKER_GROUP) String groupId,
        @DefaultValue("2") int concurrency,
        @DefaultValue("" + WebhookTopics.DEFAULT_PARTITIONS) int topicPartitions,
        @DefaultValue("1") short topicReplicas,
        @DefaultValue("500ms") Duration retryInitial,
        @DefaultValue("5s") Duration retryMax,
        @DefaultValue("60s") Duration stallTimeout,
        @DefaultValue("60s") Duration summaryInterval) {

    public WorkerProperties {
        if (groupId == null || groupId.isBlank()) {
            throw new IllegalArgumentException("whatsapp.worker.group-id must not be blank");
        }
        if (concurrency < 1 || topicPartitions < 1 || topicReplicas < 1) {
            throw new IllegalArgumentException(
                    "whatsapp.worker.concurrency, topic-partitions and topic-replicas must be at least 1");
        }
    }

    /** The group of the reprocess topic: the workers' own, with its suffix. */
    public String reprocessGroupId() {
        return groupId + WebhookTopics.REPROCESS_GROUP_SUFFIX;
    }
}
