package io.wapipeline.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.wapipeline.stackkit.Postmaster;
import io.wapipeline.testsupport.ChildJvm;

/**
 * However the JVM that started a stack ends, nothing of the stack outlives it: not the ingest (a child JVM), not
 * PostgreSQL (which pg_ctl starts in a session of its own, out of reach of the group's signals), not the watchdog.
 * The JVM is killed as soon as the ingest has been launched, which keeps the test to seconds.
 */
class StackLeavesNothingTest {

    private static final Duration WAIT = Duration.ofMinutes(2);

    @TempDir
    Path home;

    @Test
    void aStackWhoseJvmIsKilledLeavesNothingRunning() throws IOException {
        try (ChildJvm starter = startStack()) {
            List<ProcessHandle> parts = partsOnceTheIngestIsLaunched(starter);

            starter.kill();

            await().atMost(WAIT).until(() -> parts.stream().noneMatch(ProcessHandle::isAlive));
            assertThat(Files.readString(home.resolve("logs/watchdog.log"))).contains("Stopped the ingest (pid " + parts.get(0).pid())
                    .contains("Stopped the PostgreSQL server of " + home.resolve("postgres"));
        }
    }

    @Test
    void sigtermToTheStartersProcessGroupLeavesNothingRunning() throws IOException {
        try (ChildJvm starter = startStack()) {
            List<ProcessHandle> parts = partsOnceTheIngestIsLaunched(starter);

            starter.terminateGroup();

            await().atMost(WAIT).until(() -> parts.stream().noneMatch(ProcessHandle::isAlive));
            assertThat(Files.readString(home.resolve("logs/watchdog.log"))).contains("Stopped the PostgreSQL server of " + home.resolve("postgres"));
        }
    }

    private ChildJvm startStack() throws IOException {
        return ChildJvm.start(AStackToKill.class, Files.createDirectories(home).resolve("starter.out"), home.toString(),
                "127.0.0.1:" + closedPort());
    }

    /** The ingest, the watchdog and PostgreSQL's postmaster, each running, once the stack has recorded the ingest. */
    private List<ProcessHandle> partsOnceTheIngestIsLaunched(ChildJvm starter) {
        StackProcesses processes = new StackProcesses(home);
        await().atMost(WAIT).until(() -> processes.running(Service.INGEST.label()).isPresent() || !starter.isAlive());
        assertThat(starter.isAlive()).as(starter.output()).isTrue();
        return List.of(running(processes.running(Service.INGEST.label()), "ingest"),
                running(processes.running(StackProcesses.WATCHDOG), "watchdog"),
                running(Postmaster.of(home.resolve("postgres")), "postmaster"));
    }

    private static ProcessHandle running(Optional<ProcessHandle> part, String name) {
        return part.orElseThrow(() -> new AssertionError("the stack's " + name + " is not running"));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * A JVM that starts a stack in a home of its own ({@code args[0]}), PostgreSQL on a free port and a Kafka that is
     * not there ({@code args[1]}: the ingest need not reach it before the test kills this JVM), then the ingest, and
     * stops nothing: no shutdown hook, as when Maven halts a test JVM.
     */
    static final class AStackToKill {

        public static void main(String[] args) throws InterruptedException {
            Path home = Path.of(args[0]);
            StackSettings settings = new StackSettings(Path.of("..").toAbsolutePath().normalize(), home, true,
                    Optional.of(args[1]), Optional.empty(), 0, 0, 0, 0, EnumSet.noneOf(Service.class));
            LocalStack stack = LocalStack.start(settings);
            stack.start(Service.INGEST);
            new CountDownLatch(1).await();
        }
    }
}
