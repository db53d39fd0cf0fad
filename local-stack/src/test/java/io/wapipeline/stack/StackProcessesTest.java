package io.wapipeline.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a stack that died left running is stopped by the next start: its own processes only, and only while they are its own. */
class StackProcessesTest {

    @TempDir
    Path home;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopWhatTheTestStarted() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void leftoversOfADeadStackAreStoppedAndNamed() throws IOException {
        Process orphan = sleeper();
        Process dead = sleeper();
        StackProcesses processes = new StackProcesses(home);
        processes.record(StackProcesses.STACK, dead.toHandle());
        processes.record("ingest", orphan.toHandle());
        dead.destroyForcibly();
        await().atMost(Duration.ofSeconds(10)).until(() -> !dead.isAlive());

        List<String> said = new ArrayList<>();
        assertThat(processes.runningStack()).isEmpty();
        processes.stopLeftovers(said::add);

        await().atMost(Duration.ofSeconds(10)).until(() -> !orphan.isAlive());
        assertThat(said).containsExactly("Stopped the ingest (pid " + orphan.pid() + ") that a stack which did not stop had left running");
        assertThat(home.resolve("run/stack.pids")).doesNotExist();
    }

    @Test
    void aStackThatStillRunsIsFoundAndNothingOfItIsStopped() throws IOException {
        Process stack = sleeper();
        Process service = sleeper();
        StackProcesses processes = new StackProcesses(home);
        processes.record(StackProcesses.STACK, stack.toHandle());
        processes.record("worker", service.toHandle());

        assertThat(processes.runningStack()).map(ProcessHandle::pid).contains(stack.pid());
        assertThat(service.isAlive()).isTrue();
    }

    @Test
    void aRecordedPidNowHeldByAnotherProcessIsLeftAlone() throws IOException {
        Process stranger = sleeper();
        Files.createDirectories(home.resolve("run"));
        // Same pid, another start time: the pid was reused by a process that is not the stack's.
        Files.writeString(home.resolve("run/stack.pids"), "stack 1 0\ningest " + stranger.pid() + " 12345\n");

        new StackProcesses(home).stopLeftovers(line -> { });

        assertThat(stranger.isAlive()).isTrue();
    }

    private Process sleeper() throws IOException {
        Process process = new ProcessBuilder("sleep", "120").start();
        started.add(process);
        return process;
    }
}
