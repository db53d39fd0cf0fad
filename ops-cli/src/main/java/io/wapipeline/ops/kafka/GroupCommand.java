package io.wapipeline.ops.kafka;

import java.io.PrintWriter;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

import io.wapipeline.model.GroupLag;
import io.wapipeline.model.WebhookTopics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code wa-ops kafka group}: {@code kafka-consumer-groups.sh --describe} for a worker group. */
@Command(name = "group", mixinStandardHelpOptions = true, description = {
        "Shows a consumer group: its state, its members (client id, host, assigned partitions), and its lag on each "
                + "partition of the topic it consumes (end offset, committed offset, lag) and in total.",
        "A partition the group never committed shows 'none' and counts from the earliest record kept, where the worker starts." })
final class GroupCommand implements Callable<Integer> {

    @ParentCommand
    KafkaCommand kafka;

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--group", paramLabel = "GROUP", defaultValue = WebhookTopics.DEFAULT_WORKER_GROUP,
            description = "The group (default: ${DEFAULT-VALUE}; the reprocess topic's is " + WebhookTopics.DEFAULT_WORKER_GROUP
                    + WebhookTopics.REPROCESS_GROUP_SUFFIX + ").")
    String group;

    @Option(names = "--topic", paramLabel = "NAME", description = "The topic to show the lag on (default: " + ConsumedTopic.RULE + ").")
    String topic;

    @Override
    public Integer call() {
        String consumed = ConsumedTopic.of(group, topic);
        try (KafkaCluster kafkaCluster = cluster.connect(kafka.environment())) {
            List<GroupLag.Partition> lags = lags(kafkaCluster, consumed);
            ConsumerGroupDescription description = kafkaCluster.group(group).orElseThrow(() -> new IllegalArgumentException(
                    "group " + group + " does not exist: no member ever joined it or committed (the workers' is "
                            + WebhookTopics.DEFAULT_WORKER_GROUP + ")"));
            print(spec.commandLine().getOut(), description, lags, consumed);
        }
        return 0;
    }

    private void print(PrintWriter out, ConsumerGroupDescription description, List<GroupLag.Partition> lags, String consumed) {
        out.printf("group %s: %s, %d member(s)%n", group, description.groupState(), description.members().size());
        if (!description.members().isEmpty()) {
            members(description.members()).print(out);
        }
        out.println();
        lagTable(lags, owners(description.members())).print(out);
        out.printf("lag %d of %d records kept on %s (%d partitions)%n", lags.stream().mapToLong(GroupLag.Partition::lag).sum(),
                lags.stream().mapToLong(GroupLag.Partition::records).sum(), consumed, lags.size());
    }

    private List<GroupLag.Partition> lags(KafkaCluster kafkaCluster, String consumed) {
        List<TopicPartition> partitions = KafkaCluster.partitionsOf(kafkaCluster.describe(consumed));
        Map<TopicPartition, Long> starts = kafkaCluster.offsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> ends = kafkaCluster.offsets(partitions, OffsetSpec.latest());
        Map<TopicPartition, Long> committed = kafkaCluster.committed(group);
        return partitions.stream().map(partition -> new GroupLag.Partition(partition, starts.get(partition), ends.get(partition),
                committed.containsKey(partition) ? OptionalLong.of(committed.get(partition)) : OptionalLong.empty())).toList();
    }

    private static Table members(Collection<MemberDescription> members) {
        Table table = new Table("CLIENT-ID", "HOST", "PARTITIONS");
        members.stream().sorted(Comparator.comparing(MemberDescription::clientId)).forEach(member ->
                table.row(member.clientId(), member.host().replaceFirst("^/", ""), assigned(member)));
        return table;
    }

    /** {@code whatsapp.webhooks.raw 0,1,2}, one such part per topic, or "none". */
    private static String assigned(MemberDescription member) {
        Map<String, List<Integer>> byTopic = new TreeMap<>(member.assignment().topicPartitions().stream().collect(
                Collectors.groupingBy(TopicPartition::topic, Collectors.mapping(TopicPartition::partition, Collectors.toList()))));
        return byTopic.isEmpty() ? "none" : byTopic.entrySet().stream().map(topic -> topic.getKey() + " "
                + topic.getValue().stream().sorted().map(String::valueOf).collect(Collectors.joining(",")))
                .collect(Collectors.joining("; "));
    }

    private static Map<TopicPartition, String> owners(Collection<MemberDescription> members) {
        return members.stream().flatMap(member -> member.assignment().topicPartitions().stream()
                .map(partition -> Map.entry(partition, member.clientId())))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (first, second) -> first));
    }

    private static Table lagTable(List<GroupLag.Partition> lags, Map<TopicPartition, String> owners) {
        Table table = new Table("PARTITION", "END", "COMMITTED", "LAG", "CLIENT-ID");
        lags.forEach(lag -> table.row(lag.partition(), lag.end(), lag.committed().isPresent() ? Long.toString(lag.committed().getAsLong()) : "none", lag.lag(),
                owners.getOrDefault(lag.partition(), "-")));
        return table;
    }
}
