package io.wapipeline.ops.kafka;

import java.time.Duration;

import io.wapipeline.ops.DurationConverter;
import io.wapipeline.ops.Environment;
import io.wapipeline.ops.KafkaOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every {@code kafka} subcommand takes: which Kafka, and how long to wait for it. */
final class ClusterOptions {

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long to wait for Kafka's answer to each request (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    KafkaCluster connect(Environment environment) {
        return new KafkaCluster(kafka.target(environment), timeout);
    }
}
