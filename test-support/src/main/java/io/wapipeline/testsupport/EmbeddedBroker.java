package io.wapipeline.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import io.wapipeline.stackkit.KafkaBroker;

/**
 * The same broker the local stack runs (Apache Kafka's own KRaft server) inside the test JVM, on a free port, its
 * log in a temporary folder deleted when it stops. An outage stops the server; the restore starts it again on the
 * same port with the same log.
 */
final class EmbeddedBroker implements TestBroker {

    private final Path logDirectory;
    private final KafkaBroker broker;

    EmbeddedBroker() {
        try {
            logDirectory = Files.createTempDirectory("test-kafka-");
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not create a folder for the test broker's log", e);
        }
        broker = KafkaBroker.start(logDirectory, 0, Map.of());
    }

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public void cutOff() {
        broker.stop();
    }

    @Override
    public void restore() {
        broker.restart();
    }

    @Override
    public void stop() {
        broker.stop();
        try (Stream<Path> files = Files.walk(logDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not delete " + logDirectory, e);
        }
    }
}
