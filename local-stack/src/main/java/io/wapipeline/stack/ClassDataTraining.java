package io.wapipeline.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The training runs that make the services' missing class data archives, one after another in the background once
 * the stack is ready: a run costs about as much CPU as the service's own start, and two at once on a small machine
 * would slow the stack's first minutes more than one after the other. Each run's output goes to
 * {@code logs/<service>-cds.log}. Closing stops a run still going with SIGKILL: there is nothing in it to save.
 */
final class ClassDataTraining implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClassDataTraining.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    /** One archive to make, with the environment its service runs with. */
    record Run(ClassDataArchive archive, Map<String, String> environment) {
    }

    private final List<Run> runs;
    private final Path workingDirectory;
    private final Path logs;
    private final Consumer<ProcessHandle> onLaunch;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private volatile boolean closing;
    private Process current;

    private ClassDataTraining(List<Run> runs, Path workingDirectory, Path logs, Consumer<ProcessHandle> onLaunch) {
        this.runs = runs;
        this.workingDirectory = workingDirectory;
        this.logs = logs;
        this.onLaunch = onLaunch;
    }

    /**
     * Starts the runs in a thread of their own; {@code onLaunch} hears of each process as it starts (for the stack's
     * record of its processes and its orphan guard).
     */
    static ClassDataTraining start(List<Run> runs, Path workingDirectory, Path logs, Consumer<ProcessHandle> onLaunch) {
        ClassDataTraining training = new ClassDataTraining(runs, workingDirectory, logs, onLaunch);
        Thread thread = new Thread(training::runAll, "class-data-training");
        thread.setDaemon(true);
        thread.start();
        return training;
    }

    /** Completes once every run has ended, or the training was closed. */
    CompletableFuture<Void> finished() {
        return finished;
    }

    private void runAll() {
        try {
            for (Run run : runs) {
                if (closing) {
                    break;
                }
                train(run);
            }
        }
        catch (RuntimeException failed) {
            if (!closing) {
                log.warn("Could not make a class data archive: {}", failed.toString());
            }
        }
        finally {
            finished.complete(null);
        }
    }

    private void train(Run run) {
        ClassDataArchive archive = run.archive();
        String label = archive.service().label();
        Path logFile = logs.resolve(label + "-cds.log");
        long start = System.nanoTime();
        Process process = launch(run, logFile);
        if (process == null) {
            return;
        }
        int exit = waitFor(process);
        if (closing) {
            archive.discardTraining();
        }
        else if (exit == 0 && archive.keepTrained(run.environment(), logFile)) {
            log.info("Made the {}'s class data archive in {} s: its next start loads its classes from {}", label,
                    (System.nanoTime() - start) / 1_000_000_000, archive.archive());
        }
        else {
            archive.discardTraining();
            log.warn("The {}'s class data archive was not made (training exit code {}); it starts as before. Why: {}",
                    label, exit, logFile);
        }
    }

    /** The run's process, or null once the training is closing: launched and stopped under one lock, none is missed. */
    private synchronized Process launch(Run run, Path logFile) {
        if (closing) {
            return null;
        }
        List<String> command = new ArrayList<>(List.of(ServiceProcess.javaExecutable()));
        command.addAll(run.archive().trainingArguments());
        PrivateFiles.createFile(logFile);
        ProcessBuilder builder = new ProcessBuilder(ServiceProcess.withPrivateUmask(command)).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(logFile.toFile());
        builder.environment().putAll(run.environment());
        try {
            Files.createDirectories(workingDirectory);
            Process process = builder.start();
            current = process;
            onLaunch.accept(process.toHandle());
            return process;
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not start " + command, e);
        }
    }

    private static int waitFor(Process process) {
        try {
            return process.waitFor();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
    }

    private synchronized void stopCurrent() {
        closing = true;
        if (current != null) {
            current.destroyForcibly();
        }
    }

    /** Stops a run still going, and waits until it has ended. */
    @Override
    public void close() {
        stopCurrent();
        try {
            finished.get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (Exception notInTime) {
            log.warn("The class data training did not stop within {}", STOP_TIMEOUT);
        }
    }
}
