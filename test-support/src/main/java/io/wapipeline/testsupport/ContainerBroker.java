package io.wapipeline.testsupport;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/** Apache Kafka in a container; an outage pauses the container. */
final class ContainerBroker implements TestBroker {

    private final KafkaContainer container;

    ContainerBroker() {
        container = new KafkaContainer("apache/kafka:4.1.1")
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_MESSAGE_MAX_BYTES", Integer.toString(8 * 1024 * 1024));
        container.start();
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void cutOff() {
        DockerClientFactory.instance().client().pauseContainerCmd(container.getContainerId()).exec();
    }

    @Override
    public void restore() {
        DockerClientFactory.instance().client().unpauseContainerCmd(container.getContainerId()).exec();
    }

    @Override
    public void stop() {
        container.stop();
    }
}
