package io.wapipeline.ops.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import io.wapipeline.ops.Failures;
import io.wapipeline.ops.records.KafkaClients;
import io.wapipeline.ops.records.KafkaTarget;

/**
 * This system's Kafka through the admin client: every call waits at most the timeout, and a failure is one line that
 * says what was being asked (a topic that does not exist is bad usage; no answer names the brokers asked).
 */
final class KafkaCluster implements AutoCloseable {

    private final String bootstrapServers;
    private final KafkaTarget target;
    private final Duration timeout;
    private final Admin admin;

    KafkaCluster(KafkaTarget kafka, Duration timeout) {
        this.bootstrapServers = kafka.bootstrapServers();
        this.target = kafka;
        this.timeout = timeout;
        this.admin = KafkaClients.admin(kafka, timeout);
    }

    /** Every topic but Kafka's internal ones. */
    Set<String> topicNames() {
        return await(admin.listTopics().names(), "listing the topics");
    }

    /** The topics' descriptions, in the order named. */
    List<TopicDescription> describe(List<String> topics) {
        Map<String, KafkaFuture<TopicDescription>> futures = admin.describeTopics(topics).topicNameValues();
        return topics.stream().map(topic -> await(futures.get(topic), "describing topic " + topic)).toList();
    }

    TopicDescription describe(String topic) {
        return describe(List.of(topic)).get(0);
    }

    static List<TopicPartition> partitionsOf(TopicDescription topic) {
        return topic.partitions().stream().map(partition -> new TopicPartition(topic.name(), partition.partition())).toList();
    }

    Map<String, Config> configs(Collection<String> topics) {
        List<ConfigResource> resources = topics.stream().map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
        return await(admin.describeConfigs(resources).all(), "reading the topics' configs").entrySet().stream()
                .collect(Collectors.toMap(entry -> entry.getKey().name(), Map.Entry::getValue));
    }

    /** The offset {@code spec} finds in each partition: -1 where a timestamp has no record at or after it. */
    Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> query = partitions.stream().collect(Collectors.toMap(Function.identity(), partition -> spec));
        return await(admin.listOffsets(query).all(), "listing offsets").entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, found -> found.getValue().offset()));
    }

    /** The bytes each partition takes on disk, its replicas on every broker added up. */
    Map<TopicPartition, Long> diskUsage() {
        List<Integer> brokers = await(admin.describeCluster().nodes(), "listing the brokers").stream().map(Node::id).toList();
        Map<TopicPartition, Long> bytes = new HashMap<>();
        for (Map<String, LogDirDescription> directories : await(admin.describeLogDirs(brokers).allDescriptions(),
                "reading the brokers' log directories").values()) {
            for (LogDirDescription directory : directories.values()) {
                directory.replicaInfos().forEach((partition, replica) -> bytes.merge(partition, replica.size(), Long::sum));
            }
        }
        return bytes;
    }

    /** Empty when Kafka knows no such group: none of its members ever joined or committed. */
    Optional<ConsumerGroupDescription> group(String group) {
        return awaitUnless(admin.describeConsumerGroups(List.of(group)).describedGroups().get(group),
                GroupIdNotFoundException.class::isInstance, "describing group " + group);
    }

    /** The group's committed offsets; a partition it never committed is absent. */
    Map<TopicPartition, Long> committed(String group) {
        Map<TopicPartition, OffsetAndMetadata> committed = await(admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata(), "reading the offsets of group " + group);
        return committed.entrySet().stream().filter(entry -> entry.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    void commit(String group, Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, OffsetAndMetadata> committed = offsets.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> new OffsetAndMetadata(entry.getValue())));
        await(admin.alterConsumerGroupOffsets(group, committed).all(), "moving the offsets of group " + group);
    }

    void raisePartitions(String topic, int count) {
        await(admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(count))).all(), "adding partitions to " + topic);
    }

    private <T> T await(KafkaFuture<T> future, String asked) {
        return awaitUnless(future, failure -> false, asked).orElse(null);
    }

    /** The future's value, or empty when it failed in the way {@code absent} knows as Kafka's "there is no such thing". */
    private <T> Optional<T> awaitUnless(KafkaFuture<T> future, Predicate<Throwable> absent, String asked) {
        try {
            return Optional.ofNullable(future.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS));
        }
        catch (ExecutionException failure) {
            if (absent.test(failure.getCause())) {
                return Optional.empty();
            }
            throw explained(asked, failure.getCause());
        }
        catch (java.util.concurrent.TimeoutException noAnswer) {
            throw explained(asked, noAnswer);
        }
        catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(asked + ": interrupted");
        }
    }

    private RuntimeException explained(String asked, Throwable failure) {
        if (failure instanceof UnknownTopicOrPartitionException) {
            return new IllegalArgumentException(asked + ": no such topic");
        }
        if (failure instanceof org.apache.kafka.common.errors.AuthorizationException) {
            // Kafka does not tell a user whether a topic it may not describe exists.
            return new IllegalArgumentException(asked + ": not allowed for " + target.credentials().describe()
                    + " (no such topic or group, or its ACLs do not cover it; docs/security.md, \"Kafka\")");
        }
        if (failure instanceof java.util.concurrent.TimeoutException || failure instanceof org.apache.kafka.common.errors.TimeoutException) {
            return new IllegalStateException("no answer from Kafka at " + bootstrapServers + " within " + readable(timeout)
                    + " (" + asked + "): start Kafka, or set --bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS to the brokers' host:port");
        }
        return new IllegalStateException(asked + ": " + Failures.rootMessage(failure));
    }

    private static String readable(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
