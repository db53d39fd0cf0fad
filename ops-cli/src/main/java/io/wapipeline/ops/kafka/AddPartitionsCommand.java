package io.wapipeline.ops.kafka;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code wa-ops kafka add-partitions}: {@code kafka-topics.sh --alter --partitions}, a dry run unless --execute. */
@Command(name = "add-partitions", mixinStandardHelpOptions = true, description = {
        "Raises a topic's partition count, so more workers can consume at once (at most one per partition). Kafka cannot "
                + "remove partitions: a lower count is refused. Without --execute it is a dry run that changes nothing.",
        "Ordering: records are keyed by contact and a key's partition follows from the count, so a contact may move to "
                + "another partition; until the old one is drained, its newer records can be stored before older ones. "
                + "Add partitions while 'wa-ops kafka group' shows a lag near 0.",
        "The workers pick the new partitions up at their next rebalance, which their metadata refresh brings within "
                + "5 minutes (metadata.max.age.ms); the ingest sends to them after its own refresh." })
final class AddPartitionsCommand implements Callable<Integer> {

    @ParentCommand
    KafkaCommand kafka;

    @Spec
    CommandSpec spec;

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--topic", paramLabel = "NAME", required = true, description = "The topic, e.g. whatsapp.webhooks.raw.")
    String topic;

    @Option(names = "--count", paramLabel = "N", required = true, description = "The partition count it should have.")
    int count;

    @Option(names = "--execute", description = "Add the partitions; without it nothing changes.")
    boolean execute;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (KafkaCluster kafkaCluster = cluster.connect(kafka.environment())) {
            int current = kafkaCluster.describe(topic).partitions().size();
            if (count < current) {
                throw new IllegalArgumentException(topic + " has " + current + " partitions and Kafka cannot remove any: "
                        + "--count must be above " + current);
            }
            if (count == current) {
                out.printf("%s already has %d partitions: nothing to do%n", topic, current);
                return 0;
            }
            out.printf("%s: %d -> %d partitions%n", topic, current, count);
            caveats(out);
            if (execute) {
                kafkaCluster.raisePartitions(topic, count);
            }
        }
        spec.commandLine().getErr().println(execute ? "add-partitions: " + topic + " now has " + count + " partitions"
                : "add-partitions: dry run, nothing changed; add --execute to add them");
        return 0;
    }

    private static void caveats(PrintWriter out) {
        out.println("  ordering: a contact may move to another partition, so until the old one is drained its newer records "
                + "can be stored before older ones; do it while 'wa-ops kafka group' shows a lag near 0");
        out.println("  workers: they pick the new partitions up at their next rebalance, within 5 minutes (metadata.max.age.ms)");
    }
}
