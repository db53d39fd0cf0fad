package io.wapipeline.ops.kafka;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;

import io.wapipeline.model.WebhookTopics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code wa-ops kafka topics}: {@code kafka-topics.sh --describe} with what each topic holds and takes on disk. */
@Command(name = "topics", mixinStandardHelpOptions = true, description = {
        "Lists this system's topics (" + WebhookTopics.RAW + ", " + WebhookTopics.DEAD_LETTER + ", " + WebhookTopics.REPROCESS
                + "), one line each: partitions, replication factor, records kept, size on disk (every replica counted), "
                + "and the configs that matter.",
        "Records kept are the sum of end minus earliest offset over the partitions." })
final class TopicsCommand implements Callable<Integer> {

    static final List<String> SYSTEM_TOPICS = List.of(WebhookTopics.RAW, WebhookTopics.DEAD_LETTER, WebhookTopics.REPROCESS);

    private static final List<String> CONFIGS = List.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, TopicConfig.RETENTION_MS_CONFIG,
            TopicConfig.COMPRESSION_TYPE_CONFIG, TopicConfig.CLEANUP_POLICY_CONFIG);

    @ParentCommand
    KafkaCommand kafka;

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--all", description = "Every topic in the cluster, not only this system's.")
    boolean all;

    @Option(names = "--topic", paramLabel = "NAME", split = ",", description = "Only these topics (repeat or comma-separate).")
    List<String> topics = new ArrayList<>();

    @Option(names = "--partitions", description = "Also list each partition: start and end offset, records, size, leader.")
    boolean partitions;

    @Override
    public Integer call() {
        if (all && !topics.isEmpty()) {
            throw new IllegalArgumentException("give --all or --topic, not both");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (KafkaCluster kafkaCluster = cluster.connect(kafka.environment())) {
            List<TopicDescription> described = kafkaCluster.describe(names(kafkaCluster));
            DiskUsage usage = DiskUsage.read(kafkaCluster);
            List<TopicState> states = TopicState.read(kafkaCluster, described, usage);
            topicTable(states).print(out);
            if (partitions) {
                out.println();
                partitionTable(states).print(out);
            }
            usage.unknownBecause().ifPresent(reason -> out.println("size unknown: " + reason));
        }
        return 0;
    }

    private List<String> names(KafkaCluster kafkaCluster) {
        return all ? kafkaCluster.topicNames().stream().sorted().toList() : topics.isEmpty() ? SYSTEM_TOPICS : topics;
    }

    private static Table topicTable(List<TopicState> states) {
        List<String> headings = new ArrayList<>(List.of("TOPIC", "PARTITIONS", "REPLICAS", "RECORDS", "SIZE"));
        headings.addAll(CONFIGS);
        Table table = new Table(headings.toArray(String[]::new));
        for (TopicState topic : states) {
            List<Object> cells = new ArrayList<>(List.of(topic.name(), topic.partitions().size(), topic.replicationFactor(),
                    topic.records(), size(topic.bytes())));
            CONFIGS.forEach(config -> cells.add(topic.config(config)));
            table.row(cells.toArray());
        }
        return table;
    }

    private static Table partitionTable(List<TopicState> states) {
        Table table = new Table("PARTITION", "START", "END", "RECORDS", "SIZE", "LEADER");
        for (TopicState topic : states) {
            for (PartitionState partition : topic.partitions()) {
                table.row(partition.partition(), partition.start(), partition.end(), partition.records(),
                        size(partition.bytes()), partition.leaderText());
            }
        }
        return table;
    }

    private static String size(OptionalLong bytes) {
        return bytes.isPresent() ? Bytes.readable(bytes.getAsLong()) : "unknown";
    }
}
