package io.wapipeline.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.wapipeline.stackkit.OrphanGuard;

/**
 * One service of the stack running from its Boot jar in a child JVM, as it runs in production: settings through the
 * environment, output in a log file. Stopping sends SIGTERM, so the service shuts down gracefully.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(40);

    /** Every part of the stack listens on loopback only. */
    static final String LOOPBACK = "127.0.0.1";

    private final String name;
    private final int port;
    private final Path logFile;
    private final Process process;
    private final String healthPath;
    private final Instant launched = Instant.now();
    private Duration readyAfter;

    private ServiceProcess(String name, int port, Path logFile, Process process, String healthPath) {
        this.name = name;
        this.port = port;
        this.logFile = logFile;
        this.process = process;
        this.healthPath = healthPath;
    }

    /**
     * Starts {@code java -jar jar} in {@code workingDirectory} (which holds no {@code .env}, so a developer's own
     * settings cannot leak in) with exactly these variables added to the environment, and the service's default JVM
     * options unless {@code JDK_JAVA_OPTIONS} is set there or in this process's own environment.
     */
    static ServiceProcess start(Service service, Path jar, int port, Map<String, String> environment, List<String> arguments,
            Path workingDirectory, Path logFile) {
        Map<String, String> withOptions = new java.util.HashMap<>(environment);
        if (!withOptions.containsKey(Service.JAVA_OPTIONS_VARIABLE) && System.getenv(Service.JAVA_OPTIONS_VARIABLE) == null) {
            withOptions.put(Service.JAVA_OPTIONS_VARIABLE, service.defaultJavaOptions());
        }
        List<String> command = new ArrayList<>(List.of("-jar", jar.toString()));
        command.addAll(arguments);
        return launch(service.label(), command, port, withOptions, workingDirectory, logFile, "/actuator/health");
    }

    /**
     * The same for any Boot jar, ready when {@code healthPath} answers 200 (e.g. a benchmark's own server); stopped by
     * this JVM's orphan guard if the JVM ends without closing it.
     */
    public static ServiceProcess start(String name, Path jar, int port, Map<String, String> environment, List<String> arguments,
            Path workingDirectory, Path logFile, String healthPath) {
        List<String> command = new ArrayList<>(List.of("-jar", jar.toString()));
        command.addAll(arguments);
        ServiceProcess started = launch(name, command, port, environment, workingDirectory, logFile, healthPath);
        OrphanGuard.ofThisJvm().stopOnExit(started.handle(), name);
        return started;
    }

    private static ServiceProcess launch(String name, List<String> javaArguments, int port, Map<String, String> environment,
            Path workingDirectory, Path logFile, String healthPath) {
        List<String> command = new ArrayList<>(List.of(javaExecutable()));
        command.addAll(javaArguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment);
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("SERVER_ADDRESS", LOOPBACK);
        try {
            Files.createDirectories(workingDirectory);
            return new ServiceProcess(name, port, logFile, builder.start(), healthPath);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + ": " + command, e);
        }
    }

    /** Waits until the health path answers 200; fails at once if the process dies, naming its log. */
    public void awaitHealthy(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        while (!healthy(client)) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(name + " did not become healthy within " + timeout + "; see " + logFile);
            }
            if (exitedWithin(Duration.ofMillis(100))) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + " during start-up; see " + logFile);
            }
        }
        readyAfter = Duration.between(launched, Instant.now());
    }

    /** From launching the JVM to the first 200 of {@code /actuator/health} (to within 100 ms). */
    public Duration readyAfter() {
        return readyAfter;
    }

    public long pid() {
        return process.pid();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    private boolean healthy(HttpClient client) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + healthPath)).timeout(Duration.ofSeconds(2)).build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        }
        catch (IOException notYet) {
            return false;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }

    /** Waits up to {@code wait} for the process to end; the pause between health probes. */
    private boolean exitedWithin(Duration wait) {
        try {
            process.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        }
        catch (TimeoutException stillRunning) {
            return false;
        }
        catch (ExecutionException e) {
            throw new IllegalStateException("could not watch " + name, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path logFile() {
        return logFile;
    }

    /** SIGKILL: no shutdown at all, as a crash. */
    void kill() {
        process.destroyForcibly();
        exitedWithin(STOP_TIMEOUT);
    }

    /** SIGTERM and a graceful shutdown; killed if it takes longer than {@link #STOP_TIMEOUT}. */
    @Override
    public void close() {
        process.destroy();
        if (!exitedWithin(STOP_TIMEOUT)) {
            log.warn("{} did not stop within {}; killing it", name, STOP_TIMEOUT);
            process.destroyForcibly();
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
