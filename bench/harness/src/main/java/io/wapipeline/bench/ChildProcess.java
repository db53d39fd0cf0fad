package io.wapipeline.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.wapipeline.stackkit.OrphanGuard;

/**
 * A load generator running in its own JVM in the background, its output in a file. Closing it stops it (SIGTERM, then
 * SIGKILL); so does the harness's own end, however it ends (the harness's orphan guard).
 */
final class ChildProcess implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final Path output;

    private ChildProcess(String name, Process process, Path output) {
        this.name = name;
        this.process = process;
        this.output = output;
        OrphanGuard.ofThisJvm().stopOnExit(process.toHandle(), name);
    }

    static ChildProcess start(String name, List<String> command, Path output) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(output.toFile())).start();
            return new ChildProcess(name, process, output);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    /** The java command of this JVM, for a child JVM of the same version. */
    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** Waits until it ends by itself; false if it still runs after {@code timeout}. */
    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    int exitValue() {
        return process.exitValue();
    }

    Path output() {
        return output;
    }

    /**
     * SIGTERM, so that it can finish what is in flight; SIGKILL if it has not ended {@link #STOP_TIMEOUT} later, or
     * at once if the harness is interrupted while it waits.
     */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!awaitExit(STOP_TIMEOUT)) {
                process.destroyForcibly();
            }
        }
        catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ", output in " + output + ")";
    }
}
