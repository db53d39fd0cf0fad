package io.wapipeline.stackkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The orphan guard stops what it was given once its pipe closes, which is what the kernel does when the JVM ends in
 * any way; closing the guard closes the same pipe. (A JVM killed with {@code kill -9}: local-stack's
 * {@code StackLeavesNothingTest} and test-support's {@code TestPostgresTest}.)
 */
class OrphanGuardTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void stopWhatTheTestStarted() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void whatStillRunsWhenThePipeClosesIsStoppedAndNamed() throws IOException {
        Process sleeper = start("sleep", "120");
        OrphanGuard guard = guard(OrphanGuard.PATIENCE);
        guard.stopOnExit(sleeper.toHandle(), "sleeper");

        guard.close();

        await().atMost(WAIT).until(() -> !sleeper.isAlive());
        assertThat(log()).contains("Stopped the sleeper (pid " + sleeper.pid() + ") with SIGTERM: pid "
                + ProcessHandle.current().pid() + ", which started it, ended without stopping it");
    }

    @Test
    void aProcessThatIgnoresSigtermIsKilledAfterThePatience() throws IOException {
        Process stubborn = start("sh", "-c", "trap '' TERM; echo ignoring; read -r line");
        assertThat(stubborn.inputReader().readLine()).isEqualTo("ignoring");
        OrphanGuard guard = guard(Duration.ofMillis(500));
        guard.stopOnExit(stubborn.toHandle(), "stubborn one");

        guard.close();

        await().atMost(WAIT).until(() -> !stubborn.isAlive());
        assertThat(log()).contains("Stopped the stubborn one (pid " + stubborn.pid() + ") with SIGKILL, still running");
    }

    @Test
    void aPidNowHeldByAnotherProcessIsLeftAlone() throws IOException {
        Process stranger = start("sleep", "120");
        OrphanGuard guard = guard(OrphanGuard.PATIENCE);
        // Same pid, another start time: the guarded process ended and its pid went to a process the guard must not touch.
        guard.guard("TERM", stranger.pid(), "12345", "ended one");

        guard.close();

        assertThat(stranger.isAlive()).isTrue();
        assertThat(log()).isEmpty();
    }

    @Test
    void theGuardOutlivesTheSignalsThatEndItsOwnersGroup() throws Exception {
        Process sleeper = start("sleep", "120");
        OrphanGuard guard = guard(OrphanGuard.PATIENCE);
        guard.stopOnExit(sleeper.toHandle(), "sleeper");
        await().atMost(WAIT).until(() -> ignoresHupIntAndTerm(guard.process()));
        for (String signal : List.of("-HUP", "-INT", "-TERM")) {
            assertThat(new ProcessBuilder("kill", signal, Long.toString(guard.process().pid())).start().waitFor()).isZero();
        }

        guard.close();

        await().atMost(WAIT).until(() -> !sleeper.isAlive());
        assertThat(log()).contains("Stopped the sleeper");
    }

    @Test
    void theGuardIsNoDescendantOfItsOwnerSoKillingTheOwnersTreeSparesIt() {
        OrphanGuard guard = guard(OrphanGuard.PATIENCE);

        assertThat(ProcessHandle.current().descendants()).doesNotContain(guard.process());
        assertThat(guard.process().isAlive()).isTrue();
        guard.close();
    }

    @Test
    void aPostgresServerGetsAFastShutdown() throws IOException {
        Path dataDirectory = Files.createDirectories(directory.resolve("postgres"));
        Path postgres = Files.copy(Path.of("/bin/sleep"), directory.resolve("postgres/postgres"), StandardCopyOption.COPY_ATTRIBUTES);
        Process postmaster = start(postgres.toString(), "120");
        Files.writeString(dataDirectory.resolve("postmaster.pid"), postmaster.pid() + "\n" + dataDirectory + "\n");
        OrphanGuard guard = guard(OrphanGuard.PATIENCE);
        guard.stopPostgresOnExit(dataDirectory);

        guard.close();

        await().atMost(WAIT).until(() -> !postmaster.isAlive());
        assertThat(log()).contains("Stopped the PostgreSQL server of " + dataDirectory + " (pid " + postmaster.pid() + ") with SIGINT");
    }

    /** Whether the process has set SIGHUP (1), SIGINT (2) and SIGTERM (15) to be ignored, as {@code /proc} shows. */
    private static boolean ignoresHupIntAndTerm(ProcessHandle process) throws IOException {
        long ignored = Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status")).stream()
                .filter(line -> line.startsWith("SigIgn:")).mapToLong(line -> Long.parseUnsignedLong(line.substring(7).strip(), 16))
                .findFirst().orElse(0);
        long wanted = 1L << (1 - 1) | 1L << (2 - 1) | 1L << (15 - 1);
        return (ignored & wanted) == wanted;
    }

    private OrphanGuard guard(Duration patience) {
        return OrphanGuard.start(directory.resolve("guard.log"), patience);
    }

    private String log() throws IOException {
        Path log = directory.resolve("guard.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    private Process start(String... command) throws IOException {
        Process process = new ProcessBuilder(command).start();
        started.add(process);
        return process;
    }
}
