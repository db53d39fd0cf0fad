package io.wapipeline.stackkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small shell process beside this JVM that stops the processes it is given once this JVM has ended, however it
 * ended: a normal exit, SIGTERM to its whole process group, SIGKILL, a crash. It reads a pipe (a FIFO) that only this
 * JVM holds open for writing, which the kernel closes when the JVM ends; the guard, blocked reading it, then stops
 * each process that still runs (newest first, SIGKILL if one outlasts {@link #PATIENCE}) and ends. It runs in a
 * session of its own and ignores the signals a group or a terminal gets, so the signal that ends this JVM's group
 * does not end it first; and it is no descendant of this JVM, so killing the JVM's process tree spares it. Script:
 * {@code orphan-guard.sh} beside this class.
 */
public final class OrphanGuard implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OrphanGuard.class);

    /** As long as a stack waits for one of its parts to stop before it kills it. */
    public static final Duration PATIENCE = Duration.ofSeconds(40);

    /**
     * Every guard until it is closed: were its pipe unreachable, the JDK's cleaner would close it, and the guard would
     * stop everything while this JVM still runs.
     */
    private static final Set<OrphanGuard> OPEN = ConcurrentHashMap.newKeySet();

    private static OrphanGuard ofThisJvm;

    private final ProcessHandle process;
    /** Not a FileChannel: an interrupt of a thread writing to a channel closes it, and the guard would act at once. */
    private final RandomAccessFile pipe;

    private OrphanGuard(ProcessHandle process, RandomAccessFile pipe) {
        this.process = process;
        this.pipe = pipe;
    }

    /** A guard of its own for an owner that closes it, saying in {@code log} what it had to stop. */
    public static OrphanGuard start(Path log) {
        return start(log, PATIENCE);
    }

    /** The guard of whatever this JVM starts and nothing else stops (never closed: it acts when the JVM ends). */
    public static synchronized OrphanGuard ofThisJvm() {
        if (ofThisJvm == null) {
            ofThisJvm = start(Path.of("/dev/null"), PATIENCE);
        }
        return ofThisJvm;
    }

    static OrphanGuard start(Path log, Duration patience) {
        try {
            Path directory = Files.createTempDirectory("orphan-guard");
            try {
                return startOn(directory.resolve("pipe"), log, patience);
            }
            finally {
                Files.deleteIfExists(directory.resolve("pipe"));
                Files.delete(directory);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not start the orphan guard", e);
        }
    }

    /** Makes the FIFO and starts the guard on it; its name can go once both ends are open. */
    private static OrphanGuard startOn(Path fifo, Path log, Duration patience) throws IOException {
        run(List.of("mkfifo", "-m", "600", fifo.toString()), Map.of());
        // Opened for reading too, so that the open does not wait for the guard: a FIFO opened only for writing would.
        RandomAccessFile pipe = new RandomAccessFile(fifo.toFile(), "rw");
        try {
            OrphanGuard guard = new OrphanGuard(launch(fifo, log, patience), pipe);
            OPEN.add(guard);
            return guard;
        }
        catch (IOException | RuntimeException notStarted) {
            pipe.close();
            throw notStarted;
        }
    }

    /** Starts the script, which opens the FIFO, starts the guard proper in the background, prints its pid and ends. */
    private static ProcessHandle launch(Path fifo, Path log, Duration patience) throws IOException {
        List<String> shell = List.of("sh", "-c", "eval \"$ORPHAN_GUARD\"", "orphan-guard",
                Long.toString(ProcessHandle.current().pid()), Long.toString(patience.toMillis() / 100), fifo.toString(),
                log.toString());
        List<String> inOwnSession = new ArrayList<>(List.of("setsid"));
        inOwnSession.addAll(shell);
        Map<String, String> environment = Map.of("ORPHAN_GUARD", script());
        String said;
        try {
            said = run(inOwnSession, environment);
        }
        catch (IOException noSetsid) {
            // Without util-linux's setsid the guard stays in this JVM's session, where it still ignores the group's signals.
            said = run(shell, environment);
        }
        if (!said.matches("\\d+")) {
            throw new IOException("the orphan guard did not start: " + said);
        }
        long pid = Long.parseLong(said);
        return ProcessHandle.of(pid).orElseThrow(() -> new IOException("the orphan guard (pid " + pid + ") ended at once"));
    }

    /** Runs a command to its end and returns what it printed; fails unless it exits with 0. */
    private static String run(List<String> command, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (process.waitFor() != 0) {
                throw new IOException(command.get(0) + " exited with " + process.exitValue() + ": " + output);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + command.get(0) + " ran", e);
        }
        return output;
    }

    /** Stops {@code process} with SIGTERM when this JVM ends without having stopped it; {@code name} for the log. */
    public void stopOnExit(ProcessHandle process, String name) {
        guard("TERM", process, name);
    }

    /**
     * Stops the PostgreSQL server of {@code dataDirectory}, as it runs now, when this JVM ends without having stopped
     * it: SIGINT, PostgreSQL's fast shutdown, which ends open connections instead of waiting for them.
     */
    public void stopPostgresOnExit(Path dataDirectory) {
        Postmaster.of(dataDirectory).ifPresentOrElse(postmaster -> guard("INT", postmaster, "PostgreSQL server of " + dataDirectory),
                () -> log.warn("No PostgreSQL server runs on {}: it is not guarded", dataDirectory));
    }

    private void guard(String signal, ProcessHandle target, String name) {
        startTicks(target.pid()).ifPresentOrElse(started -> guard(signal, target.pid(), started, name),
                () -> log.warn("Cannot guard the {} (pid {}): it has ended, or this system has no /proc", name, target.pid()));
    }

    /** One line to the guard: the process it stops is pid {@code pid} only while that pid started at {@code startTicks}. */
    synchronized void guard(String signal, long pid, String startTicks, String name) {
        String line = signal + " " + pid + " " + startTicks + " " + name.replaceAll("\\s", " ") + "\n";
        try {
            pipe.write(line.getBytes(StandardCharsets.UTF_8));
        }
        catch (IOException e) {
            throw new UncheckedIOException("the orphan guard (pid " + process.pid() + ") is gone; cannot guard the " + name, e);
        }
    }

    /** The guard's own process, for a record of what runs. */
    public ProcessHandle process() {
        return process;
    }

    /**
     * The owner has stopped what it started: the guard stops whatever of it still runs, as if this JVM had ended,
     * and this returns once it has.
     */
    @Override
    public void close() {
        try {
            pipe.close();
        }
        catch (IOException e) {
            log.warn("Could not close the orphan guard's pipe: {}", e.toString());
        }
        process.onExit().join();
        OPEN.remove(this);
    }

    /**
     * A process's start time in clock ticks after boot (field 22 of {@code /proc/<pid>/stat}, after the command name,
     * which may hold spaces): the same pid with another start time is another process.
     */
    static Optional<String> startTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return Optional.of(stat.substring(stat.lastIndexOf(") ") + 2).split(" ")[19]);
        }
        catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }

    private static String script() {
        try (InputStream in = OrphanGuard.class.getResourceAsStream("orphan-guard.sh")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not read orphan-guard.sh", e);
        }
    }
}
