package io.wapipeline.stack;

import java.nio.file.Path;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import io.wapipeline.model.GroupLag;
import io.wapipeline.model.WebhookTopics;
import io.wapipeline.stackkit.KafkaBroker;

/**
 * The stack's Kafka: Apache Kafka's own server as one KRaft node on 127.0.0.1, its log under the stack's home (so a
 * webhook answered 200 survives a restart, as in production), or the Kafka the operator named.
 */
final class LocalKafka implements AutoCloseable {

    static final String WHOSE_PORT = "Kafka's";
    static final String PORT_OPTION = "--kafka-port";

    private final KafkaBroker broker;
    private final String bootstrapServers;

    private LocalKafka(KafkaBroker broker, String bootstrapServers) {
        this.broker = broker;
        this.bootstrapServers = bootstrapServers;
    }

    static LocalKafka start(StackSettings settings) {
        if (settings.kafka().isPresent()) {
            return new LocalKafka(null, settings.kafka().get());
        }
        try {
            KafkaBroker broker = KafkaBroker.start(logDirectory(settings.home()), settings.kafkaPort(),
                    Map.of("message.max.bytes", Integer.toString(WebhookTopics.MAX_RECORD_BYTES)));
            return new LocalKafka(broker, broker.bootstrapServers());
        }
        catch (KafkaBroker.PortInUseException taken) {
            throw Ports.inUse(taken.port(), WHOSE_PORT, PORT_OPTION);
        }
    }

    static Path logDirectory(Path home) {
        return home.resolve("kafka");
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    String description() {
        return broker == null ? bootstrapServers + " (given by KAFKA_BOOTSTRAP_SERVERS)"
                : bootstrapServers + " (Apache Kafka, KRaft; log kept in " + broker.logDirectory() + ", --reset wipes it)";
    }

    /** Records of the raw topic that the worker group has not committed yet (empty when Kafka does not answer). */
    java.util.OptionalLong waiting(String group) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))) {
            return java.util.OptionalLong.of(GroupLag.of(admin, group, WebhookTopics.RAW).lag());
        }
        catch (Exception unavailable) {
            return java.util.OptionalLong.empty();
        }
    }

    /** Stops the broker, its log kept, until {@link #restart()}: an outage of Kafka. */
    void stopBroker() {
        ownBroker().stop();
    }

    void restart() {
        ownBroker().restart();
    }

    private KafkaBroker ownBroker() {
        if (broker == null) {
            throw new IllegalStateException("Kafka is not the stack's own (KAFKA_BOOTSTRAP_SERVERS names another)");
        }
        return broker;
    }

    /** Stops the broker after the services: what they committed last is on disk. */
    @Override
    public void close() {
        if (broker != null) {
            broker.stop();
        }
    }
}
