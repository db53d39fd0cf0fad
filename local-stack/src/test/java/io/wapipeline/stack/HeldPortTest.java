package io.wapipeline.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.sun.net.httpserver.HttpServer;

/**
 * A stack told to use a port another process holds, on whatever address, refuses to start in one line naming the
 * holder, before it starts anything: no PostgreSQL, no Kafka, no child process, no file in its home.
 */
class HeldPortTest {

    private static final String THIS_JVM = "java (pid " + ProcessHandle.current().pid() + ")";

    @TempDir
    Path home;

    /** Another stack's ingest: it answers {@code /actuator/health} UP on every address. */
    @Test
    void aPortAnsweredByAnotherStacksIngestIsRefused() throws Exception {
        HttpServer otherIngest = FakeService.answer(new InetSocketAddress("0.0.0.0", 0), "ingest-of-another-stack");
        try {
            int port = otherIngest.getAddress().getPort();

            assertRefused(settings(0, 0, port, 0), "port " + port + " (the ingest's) is in use by " + THIS_JVM
                    + ": stop it, or choose another port with --ingest-port");
        }
        finally {
            otherIngest.stop(0);
        }
    }

    @ParameterizedTest
    @CsvSource({ "kafka, ::1, Kafka's, --kafka-port", "postgres, ::, PostgreSQL's, --postgres-port",
            "worker, 127.0.0.1, the worker's, --worker-port", "ingest, 0.0.0.0, the ingest's, --ingest-port" })
    void aPortHeldOnAnyAddressIsRefusedBeforeAnythingStarts(String part, String address, String whose, String option)
            throws Exception {
        try (var held = HeldPorts.hold(address, 0)) {
            int port = held.getLocalPort();
            StackSettings settings = settings(part.equals("kafka") ? port : 0, part.equals("postgres") ? port : 0,
                    part.equals("ingest") ? port : 0, part.equals("worker") ? port : 0);

            assertRefused(settings, "port " + port + " (" + whose + ") is in use by " + THIS_JVM
                    + ": stop it, or choose another port with " + option);
        }
    }

    private void assertRefused(StackSettings settings, String line) throws Exception {
        assertThatThrownBy(() -> LocalStack.start(settings)).isInstanceOf(StackException.class).hasMessage(line);
        assertThat(ProcessHandle.current().children()).as("processes started").isEmpty();
        try (Stream<Path> files = Files.walk(home)) {
            assertThat(files.filter(path -> !path.equals(home))).as("files in the stack's home").isEmpty();
        }
    }

    private StackSettings settings(int kafkaPort, int postgresPort, int ingestPort, int workerPort) {
        return new StackSettings(home.resolve("no-checkout-needed"), home, false, Optional.empty(), Optional.empty(),
                kafkaPort, postgresPort, ingestPort, workerPort, EnumSet.allOf(Service.class));
    }
}
