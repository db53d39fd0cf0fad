package io.wapipeline.testsupport;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * The one place integration tests get Kafka from: Testcontainers' Kafka where a Docker engine answers, a real
 * KRaft broker inside this JVM otherwise. {@code -Dtest.kafka=embedded|container} forces one. The broker is
 * started once per test JVM and stopped when the JVM exits.
 */
public final class TestKafka {

    private static final Logger log = LoggerFactory.getLogger(TestKafka.class);

    private static TestBroker broker;

    private TestKafka() {
    }

    /** The shared broker, started on first use. */
    public static synchronized TestBroker broker() {
        if (broker == null) {
            broker = start();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "test-kafka-stop"));
        }
        return broker;
    }

    /** Bootstrap servers of the shared broker. */
    public static String bootstrapServers() {
        return broker().bootstrapServers();
    }

    private static TestBroker start() {
        String choice = System.getProperty("test.kafka", "auto").toLowerCase(Locale.ROOT);
        boolean container = choice.equals("container") || (choice.equals("auto") && dockerAnswers());
        TestBroker started = container ? new ContainerBroker() : new EmbeddedBroker();
        log.info("Test Kafka: {} at {}", started.getClass().getSimpleName(), started.bootstrapServers());
        return started;
    }

    private static boolean dockerAnswers() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        }
        catch (RuntimeException | LinkageError e) {
            log.info("No Docker engine ({}); using the embedded KRaft broker", e.toString());
            return false;
        }
    }
}
