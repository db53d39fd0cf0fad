package io.wapipeline.testsupport;

import java.util.Map;
import java.util.Objects;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import kafka.server.BrokerServer;

/** A single-node KRaft broker inside the test JVM; an outage shuts its broker side down and starts it again. */
final class EmbeddedBroker implements TestBroker {

    private final EmbeddedKafkaKraftBroker embedded;

    EmbeddedBroker() {
        embedded = new EmbeddedKafkaKraftBroker(1, 1);
        embedded.brokerProperties(Map.of(
                "auto.create.topics.enable", "false",
                "message.max.bytes", Integer.toString(8 * 1024 * 1024)));
        embedded.afterPropertiesSet();
    }

    @Override
    public String bootstrapServers() {
        return embedded.getBrokersAsString();
    }

    @Override
    public void cutOff() {
        brokerServer().shutdown();
    }

    @Override
    public void restore() {
        brokerServer().startup();
    }

    @Override
    public void stop() {
        embedded.destroy();
    }

    private BrokerServer brokerServer() {
        KafkaClusterTestKit cluster = Objects.requireNonNull(embedded.getCluster(), "the embedded cluster is not running");
        return cluster.brokers().values().iterator().next();
    }
}
