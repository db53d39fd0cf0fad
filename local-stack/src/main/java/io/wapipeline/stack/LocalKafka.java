package io.wapipeline.stack;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.common.utils.Exit;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import io.wapipeline.model.WebhookTopics;

/** The stack's Kafka: a single-node KRaft broker in this JVM, or the one the operator named. */
final class LocalKafka implements AutoCloseable {

    /**
     * Kafka's test kit deletes the broker's temporary directories in JVM shutdown hooks, which would run beside the
     * stack's own Ctrl-C hook and pull the directories from under a broker still serving the services' last commits.
     * They are collected here instead and run after the broker has stopped.
     */
    private static final List<Runnable> DEFERRED_CLEANUP = new CopyOnWriteArrayList<>();

    private final EmbeddedKafkaKraftBroker embedded;
    private final String bootstrapServers;

    private LocalKafka(EmbeddedKafkaKraftBroker embedded, String bootstrapServers) {
        this.embedded = embedded;
        this.bootstrapServers = bootstrapServers;
    }

    static LocalKafka start(StackSettings settings) {
        if (settings.kafka().isPresent()) {
            return new LocalKafka(null, settings.kafka().get());
        }
        Exit.setShutdownHookAdder((name, cleanup) -> DEFERRED_CLEANUP.add(cleanup));
        // No topics here: the services declare theirs, with their partitions and size limits, as in production.
        // The port is the test kit's choice: KRaft test clusters cannot be given one.
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.brokerProperties(Map.of(
                "auto.create.topics.enable", "false",
                "message.max.bytes", Integer.toString(WebhookTopics.MAX_RECORD_BYTES)));
        broker.afterPropertiesSet();
        return new LocalKafka(broker, broker.getBrokersAsString());
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    String description() {
        return embedded == null ? bootstrapServers + " (given by KAFKA_BOOTSTRAP_SERVERS)"
                : bootstrapServers + " (embedded KRaft broker; its topics last until the stack stops)";
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.destroy();
            DEFERRED_CLEANUP.forEach(Runnable::run);
            DEFERRED_CLEANUP.clear();
        }
    }
}
