package io.wapipeline.worker.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

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
        @DefaultValue("whatsapp-worker") String groupId,
        @DefaultValue("2") int concurrency,
        @DefaultValue("12") int topicPartitions,
        @DefaultValue("1") short topicReplicas,
        @DefaultValue("500ms") Duration retryInitial,
        @DefaultValue("5s") Duration retryMax,
        @DefaultValue("60s") Duration stallTimeout,
        @DefaultValue("60s") Duration summaryInterval) {

    public WorkerProperties {
        if (concurrency < 1 || topicPartitions < 1 || topicReplicas < 1) {
            throw new IllegalArgumentException(
                    "whatsapp.worker.concurrency, topic-partitions and topic-replicas must be at least 1");
        }
    }
}
