package io.wapipeline.stackkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small shell process beside this JVM that stops the processes it is given once this JVM has ended, however it
 * ended: a normal exit, SIGTERM to its whole process group, SIGKILL, a crash. Its standard input is a pipe from this
 * JVM, which the kernel closes when the JVM ends; the guard, blocked reading it, then stops each process that still
 * runs (newest first, SIGKILL if one outlasts {@link #PATIENCE}) and ends. It runs in a session of its own and ignores
 * the signals a group or a terminal gets, so the signal that ends this JVM's group does not end it first. Script:
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

    private final Process process;
    private final OutputStream pipe;

    private OrphanGuard(Process process) {
        this.process = process;
        this.pipe = process.getOutputStream();
    }

    /** A guard of its own for an owner that closes it, saying in {@code log} what it had to stop. */
    public static OrphanGuard start(Path log) {
        return start(ProcessBuilder.Redirect.appendTo(log.toFile()), PATIENCE);
    }

    /** The guard of whatever this JVM starts and nothing else stops (never closed: it acts when the JVM ends). */
    public static synchronized OrphanGuard ofThisJvm() {
        if (ofThisJvm == null) {
            ofThisJvm = start(ProcessBuilder.Redirect.DISCARD, PATIENCE);
        }
        return ofThisJvm;
    }

    static OrphanGuard start(ProcessBuilder.Redirect output, Duration patience) {
        List<String> shell = List.of("sh", "-c", "eval \"$ORPHAN_GUARD\"", "orphan-guard",
                Long.toString(ProcessHandle.current().pid()), Long.toString(patience.toMillis() / 100));
        List<String> inOwnSession = new ArrayList<>(List.of("setsid"));
        inOwnSession.addAll(shell);
        try {
            return started(launch(inOwnSession, output));
        }
        catch (IOException noSetsid) {
            // Without util-linux's setsid the guard stays in this JVM's group, where it still ignores the group's signals.
            try {
                return started(launch(shell, output));
            }
            catch (IOException e) {
                throw new UncheckedIOException("could not start the orphan guard: " + shell.subList(0, 2), e);
            }
        }
    }

    private static Process launch(List<String> command, ProcessBuilder.Redirect output) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output);
        builder.environment().put("ORPHAN_GUARD", script());
        return builder.start();
    }

    private static OrphanGuard started(Process process) {
        OrphanGuard guard = new OrphanGuard(process);
        OPEN.add(guard);
        return guard;
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
        Postmaster.of(dataDirectory).ifPresent(postmaster -> guard("INT", postmaster, "PostgreSQL server of " + dataDirectory));
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
            pipe.flush();
        }
        catch (IOException e) {
            throw new UncheckedIOException("the orphan guard (pid " + process.pid() + ") is gone; cannot guard the " + name, e);
        }
    }

    /** The guard's own process, for a record of what runs. */
    public ProcessHandle process() {
        return process.toHandle();
    }

    /**
     * The owner has stopped what it started: the guard stops whatever of it still runs, as if this JVM had ended,
     * and this returns once it has.
     */
    @Override
    public void close() {
        try {
            pipe.close();
            process.waitFor();
        }
        catch (IOException alreadyGone) {
            log.debug("The orphan guard had ended already: {}", alreadyGone.toString());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
