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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.wapipeline.stackkit.OrphanGuard;

/**
 * One service of the stack running from its Boot jar in a child JVM, as it runs in production: settings through the
 * environment, output in a log file. It is ready when it answers healthy as itself: a service of the pipeline is
 * given a random instance id and must report it back, so that a port held by someone else (another stack, say) is
 * never taken for the child. Stopping sends SIGTERM, so the service shuts down gracefully.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(40);
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(100);
    private static final int LOG_LINES_SHOWN = 12;

    /** Every part of the stack listens on loopback only. */
    static final String LOOPBACK = "127.0.0.1";

    /** The services report it as {@code instance.id} in /actuator/info (service-support's InstanceInfoContributor). */
    static final String INSTANCE_ID_VARIABLE = "WHATSAPP_INSTANCE_ID";
    static final String INFO_PATH = "/actuator/info";
    private static final Pattern REPORTED_INSTANCE_ID = Pattern.compile("\"instance\"\\s*:\\s*\\{[^}]*\"id\"\\s*:\\s*\"([^\"]*)\"");

    private final String name;
    private final int port;
    private final Path logFile;
    private final Process process;
    private final String healthPath;
    /** What the child must report; empty for a jar that reports none, whose healthy answer is taken as its own. */
    private final Optional<String> instanceId;
    /** {@code run-local}'s option choosing this port, for the line that says it is taken; empty when there is none. */
    private final String portOption;
    private final Instant launched = Instant.now();
    private Duration readyAfter;

    private ServiceProcess(Launch launch, Process process) {
        this.name = launch.name();
        this.port = launch.port();
        this.logFile = launch.logFile();
        this.process = process;
        this.healthPath = launch.healthPath();
        this.instanceId = launch.instanceId();
        this.portOption = launch.portOption();
    }

    /**
     * Starts {@code java} with these arguments ({@code -jar} and a jar, or {@code -cp} and a main class, say) in
     * {@code workingDirectory} (which holds no {@code .env}, so a developer's own settings cannot leak in) with exactly
     * these variables added to the environment, and the service's default JVM options unless {@code JDK_JAVA_OPTIONS}
     * is set there or in this process's own environment.
     *
     * @throws StackException when the port is taken
     */
    static ServiceProcess start(Service service, List<String> javaArguments, int port, Map<String, String> environment,
            Path workingDirectory, Path logFile) {
        Map<String, String> childEnvironment = withJavaOptions(service, environment);
        String instanceId = service.label() + "-" + UUID.randomUUID();
        childEnvironment.put(INSTANCE_ID_VARIABLE, instanceId);
        // Checked again here, just before the child binds it: the stack's other parts took a while to start.
        Ports.requireFree(port, service.whosePort(), service.portOption());
        return launch(new Launch(service.label(), javaArguments, port, childEnvironment, workingDirectory, logFile,
                "/actuator/health", Optional.of(instanceId), service.portOption()));
    }

    /**
     * {@code environment} with the service's default JVM options, unless {@code JDK_JAVA_OPTIONS} is set there or in
     * this process's own environment (where the child's {@code java} finds it).
     */
    private static Map<String, String> withJavaOptions(Service service, Map<String, String> environment) {
        Map<String, String> childEnvironment = new HashMap<>(environment);
        if (!childEnvironment.containsKey(Service.JAVA_OPTIONS_VARIABLE) && System.getenv(Service.JAVA_OPTIONS_VARIABLE) == null) {
            childEnvironment.put(Service.JAVA_OPTIONS_VARIABLE, service.defaultJavaOptions());
        }
        return childEnvironment;
    }

    /**
     * The same for any Boot jar, ready when {@code healthPath} answers 200 (e.g. a benchmark's own server); stopped by
     * this JVM's orphan guard if the JVM ends without closing it.
     */
    public static ServiceProcess start(String name, Path jar, int port, Map<String, String> environment, List<String> arguments,
            Path workingDirectory, Path logFile, String healthPath) {
        List<String> javaArguments = new ArrayList<>(List.of("-jar", jar.toString()));
        javaArguments.addAll(arguments);
        ServiceProcess started = launch(new Launch(name, javaArguments, port, environment, workingDirectory, logFile, healthPath,
                Optional.empty(), ""));
        OrphanGuard.ofThisJvm().stopOnExit(started.handle(), name);
        return started;
    }

    /** How to start one child, and how to know it is up. */
    private record Launch(String name, List<String> javaArguments, int port, Map<String, String> environment,
            Path workingDirectory, Path logFile, String healthPath, Optional<String> instanceId, String portOption) {
    }

    private static ServiceProcess launch(Launch launch) {
        List<String> java = new ArrayList<>(List.of(javaExecutable()));
        java.addAll(launch.javaArguments());
        List<String> command = withPrivateUmask(java);
        PrivateFiles.createFile(launch.logFile());
        ProcessBuilder builder = new ProcessBuilder(command).directory(launch.workingDirectory().toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(launch.logFile().toFile()));
        builder.environment().putAll(launch.environment());
        builder.environment().put("PORT", Integer.toString(launch.port()));
        builder.environment().put("SERVER_ADDRESS", LOOPBACK);
        try {
            Files.createDirectories(launch.workingDirectory());
            return new ServiceProcess(launch, builder.start());
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not start " + launch.name() + ": " + command, e);
        }
    }

    /**
     * Waits until the health path answers 200 and the answer is the child's own.
     *
     * @throws StackException at once when the child exits, or when another process answers on its port; the line
     *                        names the holder of the port, or shows the end of the child's log
     */
    public void awaitHealthy(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        while (!answersOk(client, healthPath)) {
            if (Instant.now().isAfter(deadline)) {
                throw new StackException("the " + name + " did not become healthy within " + timeout + "; the end of "
                        + logFile + ":" + LogTail.of(logFile, LOG_LINES_SHOWN));
            }
            if (exitedWithin(PROBE_INTERVAL)) {
                throw exitedDuringStartUp();
            }
        }
        requireOwnAnswer(client);
        readyAfter = Duration.between(launched, Instant.now());
    }

    private void requireOwnAnswer(HttpClient client) {
        if (instanceId.isPresent() && !instanceId.equals(reportedInstanceId(client))) {
            throw Ports.answeredByAnother(port, whose(name), name, portOption);
        }
    }

    private StackException exitedDuringStartUp() {
        if (!Ports.free(port)) {
            return Ports.inUse(port, whose(name), portOption);
        }
        return new StackException("the " + name + " exited with code " + process.exitValue() + " during start-up; the end of "
                + logFile + ":" + LogTail.of(logFile, LOG_LINES_SHOWN));
    }

    private static String whose(String name) {
        return "the " + name + "'s";
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

    private boolean answersOk(HttpClient client, String path) {
        return get(client, path).map(HttpResponse::statusCode).filter(status -> status == 200).isPresent();
    }

    private Optional<String> reportedInstanceId(HttpClient client) {
        return get(client, INFO_PATH).filter(response -> response.statusCode() == 200).map(HttpResponse::body)
                .map(REPORTED_INSTANCE_ID::matcher).filter(Matcher::find).map(matcher -> matcher.group(1));
    }

    /** The answer to a GET of the child's port; empty when nothing answers (yet). */
    private Optional<HttpResponse<String>> get(HttpClient client, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(2)).build();
        try {
            return Optional.of(client.send(request, HttpResponse.BodyHandlers.ofString()));
        }
        catch (IOException notYet) {
            return Optional.empty();
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

    /**
     * {@code command} run with {@code umask 077}, whatever this JVM's: what a child writes (media, logs, class data) is
     * its owner's alone. The shell execs the command, which keeps its pid and command line.
     */
    static List<String> withPrivateUmask(List<String> command) {
        List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c", "umask 077 && exec \"$0\" \"$@\""));
        wrapped.addAll(command);
        return wrapped;
    }

    /** The {@code java} of this JVM: the children run the same build (a class data archive is made for one build). */
    static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
