package io.wapipeline.ops.kafka;

import io.wapipeline.ops.Environment;
import io.wapipeline.ops.OpsCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code wa-ops kafka}: what {@code kafka-topics.sh} and {@code kafka-consumer-groups.sh} do, for this system. */
@Command(name = "kafka", mixinStandardHelpOptions = true, description = {
        "The Kafka tools for this system's topics and consumer groups, with no Kafka installation needed.",
        "Changes (reset-offsets, add-partitions) are dry runs unless --execute is given." },
        subcommands = { TopicsCommand.class, GroupCommand.class, ResetOffsetsCommand.class, AddPartitionsCommand.class })
public final class KafkaCommand {

    @ParentCommand
    OpsCommand ops;

    Environment environment() {
        return ops.environment();
    }
}
