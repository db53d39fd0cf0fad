package io.wapipeline.ops.kafka;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.apache.kafka.common.TopicPartition;

import io.wapipeline.model.WebhookTopics;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code wa-ops kafka reset-offsets}: {@code kafka-consumer-groups.sh --reset-offsets}, a dry run unless --execute. */
@Command(name = "reset-offsets", mixinStandardHelpOptions = true, description = {
        "Moves a consumer group's committed offsets: to the first record at or after a time, to the earliest record "
                + "kept, or to the end. Without --execute it is a dry run that changes nothing and prints, per partition, "
                + "the current and the new offset and how many records the group would re-read or skip.",
        "Moving back is safe: the worker's writes are idempotent, so a record it stored before is skipped as a duplicate. "
                + "Moving forward skips records: the worker never reads them, so they are not stored (while Kafka keeps "
                + "them, 'wa-ops replay --from ... --reprocess' can still send them through).",
        "--execute needs the group's members stopped (stop the workers): Kafka refuses to change an active group's offsets." })
final class ResetOffsetsCommand implements Callable<Integer> {

    @ParentCommand
    KafkaCommand kafka;

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--group", paramLabel = "GROUP", required = true, description = "The group whose offsets move, e.g. "
            + WebhookTopics.DEFAULT_WORKER_GROUP + ".")
    String group;

    @Option(names = "--topic", paramLabel = "NAME", description = "The topic whose offsets move (default: " + ConsumedTopic.RULE + ").")
    String topic;

    @Option(names = "--partition", paramLabel = "N", split = ",", description = "Only these partitions (repeat or comma-separate; default: all).")
    List<Integer> partitions = new ArrayList<>();

    @ArgGroup(exclusive = true, multiplicity = "1")
    OffsetTarget target;

    @Option(names = "--execute", description = "Move the offsets; without it nothing changes.")
    boolean execute;

    @Override
    public Integer call() {
        String consumed = ConsumedTopic.of(group, topic);
        try (KafkaCluster kafkaCluster = cluster.connect(kafka.environment())) {
            List<OffsetMove> moves = moves(kafkaCluster, selected(kafkaCluster, consumed));
            if (execute) {
                requireStopped(kafkaCluster);
                kafkaCluster.commit(group, moves.stream().collect(Collectors.toMap(OffsetMove::partition, OffsetMove::target)));
            }
            report(moves, consumed);
        }
        return 0;
    }

    private List<TopicPartition> selected(KafkaCluster kafkaCluster, String consumed) {
        List<TopicPartition> all = KafkaCluster.partitionsOf(kafkaCluster.describe(consumed));
        List<Integer> missing = partitions.stream().filter(partition -> partition < 0 || partition >= all.size()).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(consumed + " has partitions 0 to " + (all.size() - 1) + ", not " + missing);
        }
        return all.stream().filter(partition -> partitions.isEmpty() || partitions.contains(partition.partition())).toList();
    }

    private List<OffsetMove> moves(KafkaCluster kafkaCluster, List<TopicPartition> selected) {
        Map<TopicPartition, Long> targets = target.offsets(kafkaCluster, selected);
        Map<TopicPartition, Long> committed = kafkaCluster.committed(group);
        return selected.stream().map(partition -> new OffsetMove(partition, committed.containsKey(partition)
                ? OptionalLong.of(committed.get(partition)) : OptionalLong.empty(), targets.get(partition))).toList();
    }

    private void requireStopped(KafkaCluster kafkaCluster) {
        int members = kafkaCluster.group(group).map(described -> described.members().size()).orElse(0);
        if (members > 0) {
            throw new IllegalStateException("stop the workers first: " + members + " member(s) of group " + group
                    + " are active, and Kafka refuses to move an active group's offsets");
        }
    }

    private void report(List<OffsetMove> moves, String consumed) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("group %s on %s, to %s:%n", group, consumed, target.describe());
        Table table = new Table("PARTITION", "CURRENT", "NEW", "EFFECT");
        moves.forEach(move -> table.row(move.partition(), move.currentText(), move.target(), move.effect()));
        table.print(out);
        String counts = moves.stream().mapToLong(OffsetMove::reread).sum() + " records to re-read, "
                + moves.stream().mapToLong(OffsetMove::skipped).sum() + " skipped";
        spec.commandLine().getErr().println(execute
                ? "reset-offsets: moved " + moves.size() + " partition(s): " + counts + "; the group resumes from here when it starts"
                : "reset-offsets: dry run, nothing changed (" + counts + "); add --execute, with the workers stopped, to move them");
    }
}
