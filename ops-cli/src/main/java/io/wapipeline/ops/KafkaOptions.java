package io.wapipeline.ops;

import io.wapipeline.model.settings.KafkaCredentials;
import io.wapipeline.model.settings.Setting;
import io.wapipeline.ops.records.KafkaTarget;
import picocli.CommandLine.Option;

/**
 * {@code --bootstrap-servers}, defaulting to {@code KAFKA_BOOTSTRAP_SERVERS} as the services read it, and the login of
 * {@code KAFKA_SASL_*} (docs/configuration.md), read the way the services read it.
 */
public final class KafkaOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka to read and write (default: KAFKA_BOOTSTRAP_SERVERS, else localhost:9092). "
                    + "Its login: KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD (docs/configuration.md).")
    String bootstrapServers;

    public String bootstrapServers(Environment environment) {
        return bootstrapServers != null ? bootstrapServers
                : environment.getOrDefault(Setting.KAFKA_BOOTSTRAP_SERVERS.variable(), "localhost:9092");
    }

    /**
     * The brokers and the login.
     *
     * @throws IllegalArgumentException naming the variable when the login is half given
     */
    public KafkaTarget target(Environment environment) {
        return new KafkaTarget(bootstrapServers(environment), KafkaCredentials.from(environment));
    }
}
