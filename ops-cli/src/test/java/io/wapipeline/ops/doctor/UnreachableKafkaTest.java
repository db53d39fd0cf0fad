package io.wapipeline.ops.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.wapipeline.ops.OpsCommand;
import io.wapipeline.ops.TestStack;

/**
 * {@code wa-ops doctor} in its own JVM, as an operator runs it: in process, this module's test logging settings and
 * the stack's embedded broker (which shares the Kafka loggers) would stand in for the ones {@code wa-ops} ships with.
 */
class UnreachableKafkaTest {

    /**
     * A ceiling, not a bound: two checks wait for Kafka up to 10 s each (the admin client's API timeout), plus a JVM
     * start; ten times that on a busy machine is still an answer, where a doctor that hangs is not.
     */
    private static final Duration CEILING = Duration.ofMinutes(5);

    @TempDir
    Path directory;

    @Test
    void unreachableKafkaIsAFailedCheckWithItsFixAndNoKafkaLogLines() throws Exception {
        int closedPort = closedPort();
        Map<String, String> settings = TestStack.settings();
        settings.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + closedPort);

        Run run = waOps(settings, "doctor");

        assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("✗ Kafka reachable, topics present: no answer from 127.0.0.1:" + closedPort,
                "fix: start Kafka, or set KAFKA_BOOTSTRAP_SERVERS to the brokers' host:port as the services see them",
                "✓ database reachable, migrations current", "check(s) failed.");
        assertThat(run.output().lines()).as(run.output())
                .noneMatch(line -> line.contains("WARN") || line.contains("org.apache.kafka"));
    }

    private Run waOps(Map<String, String> settings, String... args) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", mainClasspath(), OpsCommand.class.getName()));
        command.addAll(List.of(args));
        Path output = directory.resolve("output.txt");
        // Exactly the stack's settings: nothing from the environment of the build, and no .env in the directory.
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().clear();
        builder.environment().putAll(settings);
        Process process = builder.start();
        boolean finished = process.waitFor(CEILING.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly().waitFor();
        }
        return new Run(finished ? process.exitValue() : -1, Files.readString(output, StandardCharsets.UTF_8));
    }

    /** The test classpath without the test classes, so wa-ops reads its own simplelogger.properties. */
    private static String mainClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** What one {@code wa-ops} process printed on stdout and stderr together, and how long it ran. */
    private record Run(int exitCode, String output) {
    }
}
