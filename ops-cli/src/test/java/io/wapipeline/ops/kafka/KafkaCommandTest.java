package io.wapipeline.ops.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.wapipeline.model.WebhookTopics;
import io.wapipeline.ops.StackRecords;
import io.wapipeline.ops.TestStack;
import io.wapipeline.ops.TestStack.Run;

/**
 * {@code wa-ops kafka} against the local stack. What changes offsets or partitions runs on a topic and group of the
 * test's own; the worker's group is only read.
 */
class KafkaCommandTest {

    private static final Duration WAIT = Duration.ofMinutes(2);
    /** Records at T0 + n seconds; ten minutes back, as the broker takes any past time (not more than an hour ahead). */
    private static final Instant T0 = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);

    private static Admin admin;

    @BeforeAll
    static void connect() {
        admin = Admin.create(TestStack.get().kafkaClientProperties());
    }

    @AfterAll
    static void disconnect() {
        admin.close();
    }

    @Test
    void topicsListsThePipelinesThreeTopicsWithTwelvePartitionsAndTheRecordLimit() {
        Run run = TestStack.wa("kafka", "topics");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().findFirst()).hasValueSatisfying(heading -> assertThat(heading.split("\\s+")).containsExactly(
                "TOPIC", "PARTITIONS", "REPLICAS", "RECORDS", "SIZE", "max.message.bytes", "retention.ms", "compression.type", "cleanup.policy"));
        for (String topic : List.of(WebhookTopics.RAW, WebhookTopics.DEAD_LETTER, WebhookTopics.REPROCESS)) {
            assertThat(StackRecords.lines(run.out(), topic + " ")).singleElement().asString()
                    .matches(topic.replace(".", "\\.") + " +12 +1 +\\d+ +\\d+(\\.\\d)? (B|KiB|MiB) +5242880 +\\d+ +producer +delete");
        }
        assertThat(run.out()).doesNotContain("size unknown");
    }

    @Test
    void topicsListsEachPartitionWithItsOffsetsSizeAndLeader() throws Exception {
        try (TestTopic topic = TestTopic.create(2)) {
            topic.publish(0, T0, T0.plusSeconds(1), T0.plusSeconds(2));
            topic.publish(1, T0);
            topic.deleteBefore(0, 1);
            var leader = admin.describeCluster().nodes().get().iterator().next();

            Run run = TestStack.wa(TestStack::asStackAdmin, "kafka", "topics", "--topic", topic.name, "--partitions");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(StackRecords.lines(run.out(), topic.name + " ")).singleElement().asString()
                    .matches(topic.name + " +2 +1 +3 +\\d+ B +\\d+ .*");
            String leaderText = Pattern.quote(leader.id() + " (" + leader.host() + ":" + leader.port() + ")");
            assertThat(StackRecords.lines(run.out(), topic.name + "-")).satisfiesExactly(
                    line -> assertThat(line).matches(topic.partition(0) + " +1 +3 +2 +[1-9]\\d* B +" + leaderText),
                    line -> assertThat(line).matches(topic.partition(1) + " +0 +1 +1 +[1-9]\\d* B +.*"));
        }
    }

    @Test
    void groupShowsTheRunningWorkersAndTheLagAnAdminClientComputes() throws Exception {
        RecordMetadata published = StackRecords.publish(WebhookTopics.RAW, 4, "5511900004000",
                StackRecords.text("wamid.KAFKA-GROUP-1", "5511900004000", "counted in the lag"), Map.of());
        await().atMost(WAIT).until(() -> committed(WebhookTopics.DEFAULT_WORKER_GROUP).getOrDefault(partition(4), -1L) > published.offset()
                && admin.describeConsumerGroups(List.of(WebhookTopics.DEFAULT_WORKER_GROUP)).all().get()
                        .get(WebhookTopics.DEFAULT_WORKER_GROUP).groupState() == GroupState.STABLE);
        long[] before = lagAndRecords();

        Run run = TestStack.wa("kafka", "group");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(lagAndRecords()).as("nothing moved during the run").isEqualTo(before);
        List<MemberDescription> members = members(WebhookTopics.DEFAULT_WORKER_GROUP);
        assertThat(run.out()).startsWith("group whatsapp-worker: Stable, " + members.size() + " member(s)")
                .contains("lag " + before[0] + " of " + before[1] + " records kept on whatsapp.webhooks.raw (12 partitions)");
        members.forEach(member -> assertThat(run.out()).contains(member.clientId()));
        long end = published.offset() + 1;
        assertThat(StackRecords.lines(run.out(), "whatsapp.webhooks.raw-4 ")).singleElement().asString()
                .matches("whatsapp\\.webhooks\\.raw-4 +" + end + " +" + committed(WebhookTopics.DEFAULT_WORKER_GROUP).get(partition(4))
                        + " +" + (end - committed(WebhookTopics.DEFAULT_WORKER_GROUP).get(partition(4))) + " +\\S+");
        Run reprocess = TestStack.wa("kafka", "group", "--group", "whatsapp-worker-reprocess");
        assertThat(reprocess.out()).contains("records kept on whatsapp.webhooks.reprocess (12 partitions)");
    }

    @Test
    void aPartitionWithNoCommittedOffsetShowsNoneAndCountsFromTheEarliestRecordKept() throws Exception {
        try (TestTopic topic = TestTopic.create(2)) {
            topic.publish(0, T0, T0.plusSeconds(1), T0.plusSeconds(2));
            topic.publish(1, T0, T0.plusSeconds(1), T0.plusSeconds(2));
            topic.deleteBefore(1, 1);
            topic.commit(Map.of(0, 1L));

            Run run = TestStack.wa(TestStack::asStackAdmin, "kafka", "group", "--group", topic.group, "--topic", topic.name);

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).startsWith("group " + topic.group + ": Empty, 0 member(s)")
                    .contains("lag 4 of 5 records kept on " + topic.name + " (2 partitions)");
            assertThat(StackRecords.lines(run.out(), topic.name + "-")).satisfiesExactly(
                    line -> assertThat(line).matches(topic.partition(0) + " +3 +1 +2 +-"),
                    line -> assertThat(line).matches(topic.partition(1) + " +3 +none +2 +-"));
        }
    }

    @Test
    void resetOffsetsDryRunChangesNothingAndExecuteMovesToTheFirstRecordAtOrAfterTheTime() throws Exception {
        try (TestTopic topic = TestTopic.create(3)) {
            List<RecordMetadata> first = topic.publish(0, T0, T0.plusSeconds(10), T0.plusSeconds(20), T0.plusSeconds(30));
            topic.publish(1, T0, T0.plusSeconds(5));
            topic.publish(2, T0, T0.plusSeconds(1), T0.plusSeconds(2));
            topic.commit(Map.of(0, 4L, 1, 0L));
            String time = T0.plusSeconds(15).toString();

            Run dryRun = TestStack.wa(TestStack::asStackAdmin, "kafka", "reset-offsets", "--group", topic.group, "--topic", topic.name, "--to-datetime", time);

            assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
            assertThat(StackRecords.lines(dryRun.out(), topic.name + "-")).satisfiesExactly(
                    line -> assertThat(line).matches(topic.partition(0) + " +4 +2 +re-reads 2"),
                    line -> assertThat(line).matches(topic.partition(1) + " +0 +2 +skips 2"),
                    line -> assertThat(line).matches(topic.partition(2) + " +none +3 +starts here"));
            assertThat(dryRun.err()).contains("dry run, nothing changed (2 records to re-read, 2 skipped)");
            assertThat(topic.committed()).isEqualTo(Map.of(0, 4L, 1, 0L));

            Run execute = TestStack.wa(TestStack::asStackAdmin, "kafka", "reset-offsets", "--group", topic.group, "--topic", topic.name, "--to-datetime", time,
                    "--execute");

            assertThat(execute.exitCode()).as(execute.err()).isZero();
            assertThat(execute.err()).contains("moved 3 partition(s): 2 records to re-read, 2 skipped");
            assertThat(topic.committed()).isEqualTo(Map.of(0, first.get(2).offset(), 1, 2L, 2, 3L));
            assertThat(first.get(2).timestamp()).isEqualTo(T0.plusSeconds(20).toEpochMilli());
        }
    }

    @Test
    void resetOffsetsToTheEarliestOfOnePartitionLeavesTheOthersAlone() throws Exception {
        try (TestTopic topic = TestTopic.create(2)) {
            topic.publish(0, T0, T0.plusSeconds(1));
            topic.publish(1, T0, T0.plusSeconds(1), T0.plusSeconds(2));
            topic.deleteBefore(1, 1);
            topic.commit(Map.of(0, 2L, 1, 3L));

            Run run = TestStack.wa(TestStack::asStackAdmin, "kafka", "reset-offsets", "--group", topic.group, "--topic", topic.name, "--partition", "1",
                    "--to-earliest", "--execute");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(StackRecords.lines(run.out(), topic.name + "-")).singleElement().asString()
                    .matches(topic.partition(1) + " +3 +1 +re-reads 2");
            assertThat(topic.committed()).isEqualTo(Map.of(0, 2L, 1, 1L));
        }
    }

    @Test
    void resetOffsetsIsRefusedWhileTheGroupHasAnActiveMember() throws Exception {
        try (TestTopic topic = TestTopic.create(1); KafkaConsumer<String, String> member = topic.consumer()) {
            topic.publish(0, T0, T0.plusSeconds(1));
            topic.commit(Map.of(0, 2L));
            member.subscribe(List.of(topic.name));
            await().atMost(WAIT).until(() -> {
                member.poll(Duration.ofMillis(100));
                return !member.assignment().isEmpty();
            });

            Run run = TestStack.wa(TestStack::asStackAdmin, "kafka", "reset-offsets", "--group", topic.group, "--topic", topic.name, "--to-earliest", "--execute");

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).isEqualTo("reset-offsets: stop the workers first: 1 member(s) of group " + topic.group
                    + " are active, and Kafka refuses to move an active group's offsets" + System.lineSeparator());
            assertThat(topic.committed()).isEqualTo(Map.of(0, 2L));
        }
    }

    @Test
    void resetOffsetsNeedsExactlyOneTarget() {
        assertThat(TestStack.wa("kafka", "reset-offsets", "--group", "g").exitCode()).isEqualTo(2);
        Run both = TestStack.wa("kafka", "reset-offsets", "--group", "g", "--to-earliest", "--to-latest");
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--to-earliest, --to-latest are mutually exclusive");
    }

    @Test
    void addPartitionsIsADryRunUntilExecuteAndRefusesToLowerTheCount() throws Exception {
        try (TestTopic topic = TestTopic.create(3)) {
            Run dryRun = TestStack.wa(TestStack::asStackAdmin, "kafka", "add-partitions", "--topic", topic.name, "--count", "5");

            assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
            assertThat(dryRun.out()).startsWith(topic.name + ": 3 -> 5 partitions").contains("a contact may move to another partition",
                    "next rebalance");
            assertThat(topic.partitionCount()).isEqualTo(3);

            Run execute = TestStack.wa(TestStack::asStackAdmin, "kafka", "add-partitions", "--topic", topic.name, "--count", "5", "--execute");

            assertThat(execute.exitCode()).as(execute.err()).isZero();
            await().atMost(WAIT).until(topic::partitionCount, count -> count == 5);

            Run lower = TestStack.wa(TestStack::asStackAdmin, "kafka", "add-partitions", "--topic", topic.name, "--count", "4", "--execute");

            assertThat(lower.exitCode()).isEqualTo(2);
            assertThat(lower.err()).contains(topic.name + " has 5 partitions and Kafka cannot remove any: --count must be above 5");
            assertThat(topic.partitionCount()).isEqualTo(5);
        }
    }

    @Test
    void anUnknownTopicOrGroupIsBadUsageAndAnUnreachableKafkaAClearFailureNamingTheTimeout() throws IOException {
        Run unknownTopic = TestStack.wa(TestStack::asStackAdmin, "kafka", "topics", "--topic", "no-such-topic");
        assertThat(unknownTopic.exitCode()).isEqualTo(2);
        assertThat(unknownTopic.err()).contains("describing topic no-such-topic: no such topic");
        // wa-ops' own user may describe the pipeline's topics only, and is not told whether another exists.
        Run notItsTopic = TestStack.wa("kafka", "topics", "--topic", "no-such-topic");
        assertThat(notItsTopic.exitCode()).isEqualTo(2);
        assertThat(notItsTopic.err()).contains("describing topic no-such-topic: not allowed for user wa-ops (PLAIN over SASL_PLAINTEXT)");
        Run unknownGroup = TestStack.wa(TestStack::asStackAdmin, "kafka", "group", "--group", "no-such-group");
        assertThat(unknownGroup.exitCode()).isEqualTo(2);
        assertThat(unknownGroup.err()).contains("group no-such-group does not exist");

        int closedPort = closedPort();
        Run unreachable = TestStack.wa(settings -> settings.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + closedPort),
                "kafka", "group", "--timeout", "1s");

        assertThat(unreachable.exitCode()).isEqualTo(1);
        assertThat(unreachable.err()).startsWith("group: no answer from Kafka at 127.0.0.1:" + closedPort + " within 1 s");
    }

    private static TopicPartition partition(int partition) {
        return new TopicPartition(WebhookTopics.RAW, partition);
    }

    private static Map<TopicPartition, Long> committed(String group) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                .filter(entry -> entry.getValue() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    private static List<MemberDescription> members(String group) throws Exception {
        return List.copyOf(admin.describeConsumerGroups(List.of(group)).all().get().get(group).members());
    }

    /** The worker group's lag on the raw topic and the records the topic keeps, from end, earliest and committed offsets. */
    private static long[] lagAndRecords() throws Exception {
        List<TopicPartition> partitions = admin.describeTopics(List.of(WebhookTopics.RAW)).allTopicNames().get()
                .get(WebhookTopics.RAW).partitions().stream().map(info -> partition(info.partition())).toList();
        Map<TopicPartition, Long> starts = offsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> ends = offsets(partitions, OffsetSpec.latest());
        Map<TopicPartition, Long> committed = committed(WebhookTopics.DEFAULT_WORKER_GROUP);
        long lag = partitions.stream().mapToLong(p -> ends.get(p) - committed.getOrDefault(p, starts.get(p))).sum();
        long records = partitions.stream().mapToLong(p -> ends.get(p) - starts.get(p)).sum();
        return new long[] { lag, records };
    }

    private static Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) throws Exception {
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> spec))).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
