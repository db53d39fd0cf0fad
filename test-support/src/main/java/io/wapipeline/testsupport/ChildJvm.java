package io.wapipeline.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.wapipeline.stackkit.OrphanGuard;

/**
 * A main class of the test's class path in a JVM of its own, in a process group of its own as Maven or a terminal
 * starts one, for tests of what outlives a JVM: they kill it ({@code kill -9}) or signal its whole group. If the test
 * JVM ends first, this JVM's orphan guard stops it.
 */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final Path output;

    private ChildJvm(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@code main} with {@code arguments}, its output (stdout and stderr) in {@code output}. */
    public static ChildJvm start(Class<?> main, Path output, String... arguments) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of("setsid", java, "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            OrphanGuard.ofThisJvm().stopOnExit(process.toHandle(), main.getSimpleName());
            return new ChildJvm(process, output);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
    }

    /** What it has printed so far. */
    public String output() {
        try {
            return Files.readString(output);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** {@code kill -9} of this JVM alone: no shutdown hook runs, nothing is closed but by the kernel. */
    public void kill() {
        signal("-KILL", Long.toString(pid()));
    }

    /** SIGTERM to its whole process group, as Maven's stop or a terminal's closing sends it. */
    public void terminateGroup() {
        signal("-TERM", "-" + pid());
    }

    /** Runs {@code kill <signal> -- <target>}: a pid, or a process group as {@code -<pgid>}. */
    public static void signal(String signal, String target) {
        try {
            Process kill = new ProcessBuilder("kill", signal, "--", target).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill " + signal + " -- " + target + " failed");
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signalling " + target, e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
