package io.wapipeline.ops;

import io.wapipeline.model.settings.Setting;
import picocli.CommandLine.Option;

/** {@code --bootstrap-servers}, defaulting to {@code KAFKA_BOOTSTRAP_SERVERS} as the services read it. */
public final class KafkaOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka to read and write (default: KAFKA_BOOTSTRAP_SERVERS, else localhost:9092).")
    String bootstrapServers;

    public String bootstrapServers(Environment environment) {
        return bootstrapServers != null ? bootstrapServers
                : environment.getOrDefault(Setting.KAFKA_BOOTSTRAP_SERVERS.variable(), "localhost:9092");
    }
}
