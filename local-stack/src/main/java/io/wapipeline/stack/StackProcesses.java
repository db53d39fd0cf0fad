package io.wapipeline.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import io.wapipeline.stackkit.Postmaster;

/**
 * The processes of a stack, recorded in {@code <home>/run/stack.pids} with their start times, so that what a stack
 * that died left running (after {@code kill -9}, a crash) and its watchdog (the stack's orphan guard) did not stop is
 * found again and stopped by the next start: those processes only, never another stack's or anyone else's.
 */
final class StackProcesses {

    static final String STACK = "stack";
    static final String WATCHDOG = "watchdog";
    /** A run that makes a service's class data archive in the background (ClassDataTraining). */
    static final String CLASS_DATA_TRAINING = "class-data-training";

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(40);

    private final Path file;
    private final Path postgresData;

    StackProcesses(Path home) {
        this.file = home.resolve("run/stack.pids");
        this.postgresData = home.resolve("postgres");
    }

    /** Adds a process to the record. */
    synchronized void record(String role, ProcessHandle process) {
        List<String> lines = new ArrayList<>(lines());
        lines.add(role + " " + process.pid() + " " + started(process).map(Instant::toEpochMilli).orElse(0L));
        write(lines);
    }

    /** The stack stopped in order: nothing is left to clean up. */
    synchronized void forgetAll() {
        try {
            Files.deleteIfExists(file);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not delete " + file, e);
        }
    }

    /** The recorded stack's own JVM, when it still runs. */
    Optional<ProcessHandle> runningStack() {
        return running(STACK).filter(p -> p.pid() != ProcessHandle.current().pid());
    }

    /** The recorded process of this role ({@link #STACK}, {@link #WATCHDOG}, a service's label), while it still runs. */
    Optional<ProcessHandle> running(String role) {
        return recorded().stream().filter(p -> p.role().equals(role)).map(Recorded::alive).flatMap(Optional::stream).findFirst();
    }

    /**
     * Stops what a stack that is no longer running left behind: its services, its watchdog, and the PostgreSQL
     * server of its data folder. Says what it stopped, one line each.
     */
    void stopLeftovers(Consumer<String> say) {
        for (Recorded process : recorded()) {
            if (process.role().equals(STACK) || process.pid() == ProcessHandle.current().pid()) {
                continue;
            }
            process.alive().ifPresent(alive -> {
                // The watchdog ignores SIGTERM; still running, it is stopping the same leftovers as this start.
                stop(alive, process.role().equals(WATCHDOG));
                say.accept("Stopped the " + process.role() + " (pid " + alive.pid() + ") that a stack which did not stop had left running");
            });
        }
        Postmaster.of(postgresData).ifPresent(postgres -> {
            stop(postgres, false);
            say.accept("Stopped the PostgreSQL server (pid " + postgres.pid() + ") of " + postgresData + " that a stack which did not stop had left running");
        });
        forgetAll();
    }

    private List<Recorded> recorded() {
        List<Recorded> processes = new ArrayList<>();
        for (String line : lines()) {
            String[] fields = line.split(" ");
            if (fields.length == 3) {
                processes.add(new Recorded(fields[0], Long.parseLong(fields[1]), Long.parseLong(fields[2])));
            }
        }
        return processes;
    }

    private List<String> lines() {
        try {
            return Files.isRegularFile(file) ? Files.readAllLines(file) : List.of();
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    private void write(List<String> lines) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, lines);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    /** SIGTERM, and SIGKILL if it has not stopped within the timeout; or SIGKILL at once. */
    private static void stop(ProcessHandle process, boolean killAtOnce) {
        if (killAtOnce) {
            process.destroyForcibly();
        }
        else {
            process.destroy();
        }
        try {
            process.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException stillRunning) {
            process.destroyForcibly();
        }
        catch (ExecutionException e) {
            throw new IllegalStateException("could not wait for pid " + process.pid(), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Optional<Instant> started(ProcessHandle process) {
        return process.info().startInstant();
    }

    /** One line of the record: a pid is this stack's only while it has the start time recorded with it. */
    private record Recorded(String role, long pid, long startedMillis) {

        Optional<ProcessHandle> alive() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> started(p).map(Instant::toEpochMilli).orElse(-1L) == startedMillis);
        }
    }
}
