package io.wapipeline.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.wapipeline.model.WebhookTopics;
import io.wapipeline.model.settings.Setting;
import io.wapipeline.stackkit.FakeGraphApi;
import io.wapipeline.stackkit.OrphanGuard;

/**
 * The whole pipeline on this machine: Kafka and PostgreSQL (embedded unless given), the fake Graph API serving sample
 * media, and the ingest and worker services from their jars. Closing it stops everything it started, in reverse order.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final StackSettings settings;
    private final DevSecrets secrets;
    /**
     * The console's users for the worker, hashed once per stack while PostgreSQL and Kafka start: bcrypt is slow on
     * purpose (half a second in a JVM that has just started), and nothing needs the hash before the worker starts.
     */
    private final CompletableFuture<String> consoleUsers;
    private LocalKafka kafka;
    private LocalPostgres postgres;
    private FakeGraphApi graph;
    private final Map<Service, ServiceProcess> services = new EnumMap<>(Service.class);
    private final StackProcesses processes;
    /** Stops the services and PostgreSQL when this JVM ends without having stopped them (kill -9, a crash). */
    private OrphanGuard guard;
    private String stopSummary = "";
    /** The services' extracted jars and class data archives, when the settings ask for them (run-local's). */
    private final Map<Service, ClassDataArchive> archives = new EnumMap<>(Service.class);
    /** The services that started with their class data archive. */
    private final Set<Service> startedFromArchive = EnumSet.noneOf(Service.class);
    private ClassDataTraining training;

    /** The worker's consumer group unless its settings say otherwise (whatsapp.worker.group-id). */
    private static final String WORKER_GROUP = WebhookTopics.DEFAULT_WORKER_GROUP;

    private LocalStack(StackSettings settings) {
        this.settings = settings;
        this.secrets = DevSecrets.loadOrCreate(settings.home().resolve("secrets.env"));
        this.consoleUsers = CompletableFuture.supplyAsync(secrets::consoleUsers, task -> new Thread(task, "console-users").start());
        this.processes = new StackProcesses(settings.home());
    }

    /**
     * Starts every part and returns once both services report healthy; on failure, stops what had started. A previous
     * stack of the same home that still runs is refused; what one that died left running is stopped first.
     *
     * @throws StackException with one line saying what is in the way
     */
    public static LocalStack start(StackSettings settings) {
        StackProcesses previous = new StackProcesses(settings.home());
        previous.runningStack().ifPresent(running -> {
            throw new StackException("a local stack already runs from " + settings.home() + " (pid " + running.pid()
                    + "): stop it with Ctrl-C in its terminal, or kill " + running.pid());
        });
        previous.stopLeftovers(log::warn);
        requireFreePorts(settings);
        LocalStack stack = new LocalStack(settings);
        try {
            stack.startAll();
            return stack;
        }
        catch (RuntimeException failure) {
            stack.close();
            throw failure;
        }
    }

    /**
     * Every port the stack will listen on, checked before anything starts (a port in use then costs nothing to undo).
     * The services' ports are checked again as each is launched, and their answers must be their own.
     */
    private static void requireFreePorts(StackSettings settings) {
        if (settings.kafka().isEmpty()) {
            Ports.requireFree(settings.kafkaPort(), LocalKafka.WHOSE_PORT, LocalKafka.PORT_OPTION);
        }
        if (settings.databaseUrl().isEmpty()) {
            Ports.requireFree(settings.postgresPort(), "PostgreSQL's", "--postgres-port");
        }
        Ports.requireFree(settings.ingestPort(), Service.INGEST.whosePort(), Service.INGEST.portOption());
        Ports.requireFree(settings.workerPort(), Service.WORKER.whosePort(), Service.WORKER.portOption());
    }

    private void startAll() {
        prepareHome();
        processes.record(StackProcesses.STACK, ProcessHandle.current());
        PrivateFiles.createFile(settings.home().resolve("logs/watchdog.log"));
        guard = OrphanGuard.start(settings.home().resolve("logs/watchdog.log"));
        processes.record(StackProcesses.WATCHDOG, guard.process());
        CompletableFuture<Map<Service, ClassDataArchive>> preparing = prepareArchives();
        // Closing a stack that failed to start waits for the preparation too: it runs short-lived JVMs of its own.
        remember(() -> preparing.exceptionally(failed -> Map.of()).join());
        startPostgresAndKafka();
        graph = remember(FakeGraphApi.start(secrets.accessToken()));
        graph.serveSamplesForUnknownIds();
        writeFakeGraphTruststore();
        archives.putAll(join(preparing));
        settings.services().forEach(service -> launch(service, Map.of(), List.of()));
        for (Service service : settings.services()) {
            services.get(service).awaitHealthy(START_TIMEOUT);
            log.info("{} ready in {} (pid {}{})", service.label(), seconds(services.get(service).readyAfter()),
                    services.get(service).pid(), startedFromArchive.contains(service) ? ", classes from its class data archive" : "");
        }
        writeStackEnv();
        trainMissingArchives();
    }

    /**
     * run-local's services run from their extracted jars (a second start with their class data archives), prepared
     * in a thread of its own while PostgreSQL and Kafka start: hashing the jars, a first start's extraction and the
     * archives' check take a second or two. A service whose preparation fails runs from its jar as built.
     */
    private CompletableFuture<Map<Service, ClassDataArchive>> prepareArchives() {
        if (settings.serviceJvms() != StackSettings.ServiceJvms.QUICK_START) {
            return CompletableFuture.completedFuture(Map.of());
        }
        return CompletableFuture.supplyAsync(() -> {
            Map<Service, ClassDataArchive> prepared = new EnumMap<>(Service.class);
            for (Service service : settings.services()) {
                try {
                    prepared.put(service, ClassDataArchive.prepare(service, serviceJar(service.module()), settings.home(),
                            Map.of(Service.JAVA_OPTIONS_VARIABLE, javaOptions(service)), classDataLog(service)));
                }
                catch (RuntimeException failed) {
                    log.warn("The {} runs from its jar as built: {}", service.label(), failed.getMessage());
                }
            }
            return prepared;
        }, task -> new Thread(task, "class-data-prepare").start());
    }

    private Path classDataLog(Service service) {
        return settings.home().resolve("logs/" + service.label() + "-cds.log");
    }

    /** The archives that are missing, made in the background now that the stack is ready (the first start's). */
    private void trainMissingArchives() {
        if (!archives.isEmpty() && !archivesApply(Map.of())) {
            log.info("JDK_JAVA_OPTIONS or JAVA_TOOL_OPTIONS is set: the services start without class data archives, and none is made");
            return;
        }
        List<ClassDataTraining.Run> runs = archives.values().stream()
                .filter(archive -> !archive.made() && services.containsKey(archive.service()))
                .map(archive -> new ClassDataTraining.Run(archive, trainingEnvironment(archive.service()))).toList();
        if (runs.isEmpty()) {
            return;
        }
        log.info("Making class data archives in the background ({}): the next start will be quicker",
                String.join(", ", runs.stream().map(run -> run.archive().service().label()).toList()));
        training = remember(ClassDataTraining.start(runs, settings.home().resolve("run"), settings.home().resolve("logs"),
                process -> {
                    guard.stopOnExit(process, "class data training");
                    processes.record(StackProcesses.CLASS_DATA_TRAINING, process);
                }));
    }

    /** The service's own environment, on a port of its own: a training run binds no port, but its settings are checked. */
    private Map<String, String> trainingEnvironment(Service service) {
        Map<String, String> environment = environment(service, Map.of());
        environment.put(ServiceProcess.INSTANCE_ID_VARIABLE, service.label() + "-cds-training");
        environment.put("PORT", Integer.toString(portOrFree(0)));
        environment.put("SERVER_ADDRESS", ServiceProcess.LOOPBACK);
        return environment;
    }

    /** Completes once the class data archives missing at start are made (or could not be); at once when none were. */
    CompletableFuture<Void> classDataTraining() {
        return training == null ? CompletableFuture.completedFuture(null) : training.finished();
    }

    /** The service's class data archive, made or to be made; empty when the service runs from its jar as built. */
    Optional<Path> classDataArchive(Service service) {
        return Optional.ofNullable(archives.get(service)).map(ClassDataArchive::archive);
    }

    /**
     * Side by side, since neither needs the other, and remembered PostgreSQL first so that Kafka stops before it. When
     * one fails, the other is still remembered once started, so that closing the stack stops it.
     */
    private void startPostgresAndKafka() {
        CompletableFuture<LocalKafka> kafkaStarting = CompletableFuture.supplyAsync(this::readyKafka,
                task -> new Thread(task, "kafka-start").start());
        RuntimeException failure = null;
        try {
            postgres = remember(readyPostgres());
        }
        catch (RuntimeException failed) {
            failure = failed;
        }
        try {
            kafka = remember(join(kafkaStarting));
        }
        catch (RuntimeException failed) {
            if (failure == null) {
                failure = failed;
            }
            else {
                failure.addSuppressed(failed);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private LocalPostgres readyPostgres() {
        long start = System.nanoTime();
        LocalPostgres started = LocalPostgres.start(settings, settings.home().resolve("postgres"), guard, secrets.database());
        log.info("PostgreSQL ready in {}: {}", since(start), LocalPostgres.masked(started.databaseUrl()));
        return started;
    }

    private LocalKafka readyKafka() {
        long start = System.nanoTime();
        LocalKafka started = LocalKafka.start(settings, secrets.kafkaPasswords(), System::getenv);
        log.info("Kafka ready in {}: {}", since(start), started.bootstrapServers());
        return started;
    }

    private static <T> T join(CompletableFuture<T> starting) {
        try {
            return starting.join();
        }
        catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException cause ? cause : failed;
        }
    }

    private static String since(long startNanos) {
        return seconds(Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }

    /** Starts a service that was not started with the stack and waits until it is healthy. */
    public void start(Service service) {
        start(service, Map.of(), List.of());
    }

    /**
     * The same, with more environment variables (a JVM profile through {@code JDK_JAVA_OPTIONS}, say) and more
     * application arguments than the stack's own.
     */
    public void start(Service service, Map<String, String> environment, List<String> arguments) {
        if (!services.containsKey(service)) {
            launch(service, environment, arguments);
            services.get(service).awaitHealthy(START_TIMEOUT);
            writeStackEnv();
        }
    }

    /** Kills one service with SIGKILL, as a crash would, leaving the rest running; {@link #start(Service)} brings it back. */
    public void kill(Service service) {
        ServiceProcess process = services.remove(service);
        if (process != null) {
            started.remove(process);
            process.kill();
        }
    }

    /** Stops Kafka (its log kept) until {@link #startKafka()}: the services see an outage. */
    public void stopKafka() {
        kafka.stopBroker();
    }

    public void startKafka() {
        kafka.restart();
    }

    /** Restarts PostgreSQL with a fast shutdown (open connections are ended), on the same port and data. */
    public void restartPostgres() {
        postgres.restart();
    }

    /** Kills PostgreSQL's postmaster with SIGKILL and starts it again: a crash, recovered from the WAL. */
    public void crashPostgres() {
        postgres.crashAndRestart();
    }

    /** Stops one service gracefully (SIGTERM), leaving the rest of the stack running. */
    public void stop(Service service) {
        ServiceProcess process = services.remove(service);
        if (process != null) {
            started.remove(process);
            process.close();
        }
    }

    private void launch(Service service, Map<String, String> environment, List<String> arguments) {
        ServiceProcess process = remember(startService(service, environment, arguments));
        services.put(service, process);
        guard.stopOnExit(process.handle(), service.label());
        processes.record(service.label(), process.handle());
    }

    private ServiceProcess running(Service service) {
        ServiceProcess process = services.get(service);
        if (process == null) {
            throw new IllegalStateException(service.label() + " is not running in this stack");
        }
        return process;
    }

    /** The operating-system process id of a running service (to read its memory, say). */
    public long pid(Service service) {
        return running(service).pid();
    }

    /** How long a running service took from launch to healthy. */
    public Duration readyAfter(Service service) {
        return running(service).readyAfter();
    }

    /**
     * {@code .local/stack.env}: every setting of this run under the environment names the services read
     * (docs/configuration.md, "Environment variables"), plus the URLs {@code wa-ops} takes, so that
     * {@code set -a; . .local/stack.env} points the tools at this stack.
     */
    private void writeStackEnv() {
        StringBuilder text = new StringBuilder("# Settings of the running local stack, rewritten at each start.\n");
        settingsForTools().forEach((name, value) -> text.append(name).append('=').append(envValue(value)).append('\n'));
        try {
            OwnerOnly.write(settings.home().resolve("stack.env"), text.toString());
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not write stack.env", e);
        }
    }

    /**
     * A value that a shell ({@code . stack.env}) and a properties reader ({@code .env}, {@code wa-ops}) both read back
     * unchanged: every character but letters, digits and {@code _./:,@%+=-{}} behind a backslash. A bcrypt hash's
     * {@code $2a$10$...} would otherwise be expanded by the shell.
     */
    static String envValue(String value) {
        if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a setting of the local stack holds a line break, which stack.env cannot keep");
        }
        StringBuilder escaped = new StringBuilder(value.length() + 8);
        value.codePoints().forEach(c -> {
            if (c < 128 && !Character.isLetterOrDigit(c) && "_./:,@%+=-{}".indexOf(c) < 0) {
                escaped.append('\\');
            }
            escaped.appendCodePoint(c);
        });
        return escaped.toString();
    }

    /** What a tool needs to talk to this stack, by environment name: both services' settings and the URLs. */
    public Map<String, String> settingsForTools() {
        Map<String, String> values = new LinkedHashMap<>(ingestSettings());
        values.putAll(workerSettings());
        values.put("SERVER_ADDRESS", ServiceProcess.LOOPBACK);
        values.put("WHATSAPP_GRAPH_TRUSTSTORE", fakeGraphTruststore().toString());
        values.put("WHATSAPP_GRAPH_TRUSTSTORE_PASSWORD", FakeGraphApi.TRUSTSTORE_PASSWORD);
        if (services.containsKey(Service.INGEST)) {
            values.put("WHATSAPP_WEBHOOK_URL", ingestUrl() + "/api/whatsapp/webhook");
        }
        if (services.containsKey(Service.WORKER)) {
            values.put("WHATSAPP_WORKER_URL", workerUrl());
        }
        // wa-ops logs in to Kafka as its own user, whose rights cover a second worker's too.
        values.putAll(kafka.environment(KafkaAccess.TOOLS));
        return values;
    }

    /** The ingest's settings in this stack, by environment name. */
    private Map<String, String> ingestSettings() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(Setting.VERIFY_TOKEN.variable(), secrets.verifyToken());
        values.put(Setting.APP_SECRET.variable(), secrets.appSecret());
        values.put(Setting.KAFKA_BOOTSTRAP_SERVERS.variable(), kafka.bootstrapServers());
        values.putAll(kafka.environment(KafkaAccess.INGEST));
        return values;
    }

    /** The worker's settings in this stack, by environment name, with the fake Graph API's trust. */
    private Map<String, String> workerSettings() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(Setting.API_TOKENS.variable(), secrets.apiToken());
        values.put("WHATSAPP_CONSOLE_USERS", join(consoleUsers));
        values.put(Setting.ACCESS_TOKEN.variable(), secrets.accessToken());
        // The worker checks each record's signature again: Meta's with the ingest's secrets, the tools' with the internal key.
        values.put(Setting.APP_SECRET.variable(), secrets.appSecret());
        values.put(Setting.INTERNAL_KEY.variable(), secrets.internalKey());
        values.put(Setting.KAFKA_BOOTSTRAP_SERVERS.variable(), kafka.bootstrapServers());
        values.putAll(kafka.environment(KafkaAccess.WORKER));
        values.put(Setting.DATABASE_URL.variable(), postgres.databaseUrl());
        values.putAll(postgres.migrationSettings());
        values.put(Setting.GRAPH_API_URL.variable(), graph.baseUrl());
        values.put(Setting.MEDIA_ROOT.variable(), settings.home().resolve("media").toString());
        values.putAll(fakeGraphTrust());
        return values;
    }

    /** The home and everything in it private to its owner, a home of an earlier release included (PrivateFiles). */
    private void prepareHome() {
        if (settings.reset()) {
            Stream.of("kafka", "postgres", "media").map(settings.home()::resolve).forEach(LocalStack::deleteTree);
        }
        PrivateFiles.makePrivate(settings.home());
        Stream.of("logs", "media", "run").map(settings.home()::resolve).forEach(PrivateFiles::createDirectory);
        PrivateFiles.warnUnlessUmaskIsPrivate(settings.home().resolve("run"));
    }

    private ServiceProcess startService(Service service, Map<String, String> extraEnvironment, List<String> extraArguments) {
        ClassDataArchive archive = archives.get(service);
        boolean withArchive = archive != null && archive.made() && archivesApply(extraEnvironment);
        if (withArchive) {
            startedFromArchive.add(service);
        }
        List<String> javaArguments = new ArrayList<>(javaArguments(service, withArchive));
        javaArguments.addAll(extraArguments);
        int port = portOrFree(service == Service.INGEST ? settings.ingestPort() : settings.workerPort());
        return ServiceProcess.start(service, javaArguments, port, environment(service, extraEnvironment),
                settings.home().resolve("run"), settings.home().resolve("logs/" + service.label() + ".log"));
    }

    /** Its extracted jar when there is one (with its class data archive if asked), else its jar as built. */
    private List<String> javaArguments(Service service, boolean withArchive) {
        ClassDataArchive archive = archives.get(service);
        return archive == null ? List.of("-jar", serviceJar(service.module()).toString()) : archive.javaArguments(withArchive);
    }

    /**
     * Whether the services' JVMs get only the stack's options, which the archives were made with. Other options can
     * make an archive useless, and this JDK 17 can crash when JFR or an agent redefines classes that a class in the
     * archive extends (seen with the worker and {@code -XX:StartFlightRecording}).
     */
    private static boolean archivesApply(Map<String, String> extraEnvironment) {
        return Stream.of(Service.JAVA_OPTIONS_VARIABLE, "JAVA_TOOL_OPTIONS")
                .noneMatch(variable -> extraEnvironment.containsKey(variable) || System.getenv(variable) != null);
    }

    /** Whether the services run with the stack's JVM options: neither the caller nor the environment sets others. */
    private static boolean ownJavaOptions(Map<String, String> extraEnvironment) {
        return !extraEnvironment.containsKey(Service.JAVA_OPTIONS_VARIABLE) && System.getenv(Service.JAVA_OPTIONS_VARIABLE) == null;
    }

    /** The service's JVM options in this stack: its own, and run-local's for a quick start (StackSettings.ServiceJvms). */
    private String javaOptions(Service service) {
        return (service.defaultJavaOptions() + " " + settings.serviceJvms().extraJavaOptions()).strip();
    }

    /** The stack's settings for the service, by environment name, over {@code extraEnvironment}. */
    private Map<String, String> environment(Service service, Map<String, String> extraEnvironment) {
        Map<String, String> environment = new HashMap<>(extraEnvironment);
        if (ownJavaOptions(extraEnvironment)) {
            environment.put(Service.JAVA_OPTIONS_VARIABLE, javaOptions(service));
        }
        if (service == Service.INGEST) {
            environment.putAll(ingestSettings());
            return environment;
        }
        environment.putAll(workerSettings());
        if (services.containsKey(Service.INGEST)) {
            // The console's pipeline page shows the ingest's health too.
            environment.put("WHATSAPP_CONSOLE_INGESTHEALTHURL", ingestUrl() + "/actuator/health");
        }
        return environment;
    }

    /**
     * The worker must trust the fake's self-signed certificate and allow its host; production settings do neither.
     * As environment variables (Boot's relaxed names), so that {@code stack.env} gives a second worker the same.
     */
    private Map<String, String> fakeGraphTrust() {
        return Map.of("WHATSAPP_MEDIA_ALLOWEDHOSTS", "127.0.0.1", "WHATSAPP_MEDIA_SSLBUNDLE", "fakegraph",
                "SPRING_SSL_BUNDLE_JKS_FAKEGRAPH_TRUSTSTORE_LOCATION", "file:" + fakeGraphTruststore(),
                "SPRING_SSL_BUNDLE_JKS_FAKEGRAPH_TRUSTSTORE_PASSWORD", FakeGraphApi.TRUSTSTORE_PASSWORD,
                "SPRING_SSL_BUNDLE_JKS_FAKEGRAPH_TRUSTSTORE_TYPE", "PKCS12");
    }

    private Path fakeGraphTruststore() {
        return settings.home().resolve("run/fake-graph-trust.p12");
    }

    private void writeFakeGraphTruststore() {
        try (InputStream in = FakeGraphApi.class.getClassLoader().getResourceAsStream(FakeGraphApi.TRUSTSTORE_CLASSPATH)) {
            Files.copy(in, fakeGraphTruststore(), StandardCopyOption.REPLACE_EXISTING);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not write " + fakeGraphTruststore(), e);
        }
    }

    /** {@code <module>/target/<module>-<version>.jar} of the checkout, as {@code ./mvnw package} leaves it. */
    private Path serviceJar(String module) {
        Path target = settings.repository().resolve(module).resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches(module + "-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no jar in " + target + ": build first (./run-local does)"));
        }
        catch (IOException e) {
            throw new IllegalStateException("no " + target + ": build first with ./mvnw -DskipTests package", e);
        }
    }

    public String ingestUrl() {
        return running(Service.INGEST).url();
    }

    public String workerUrl() {
        return running(Service.WORKER).url();
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /**
     * A Kafka client's properties as the stack's own super user (brokers and login): for tests and benchmarks that
     * create topics or read any of them. The operator's credentials when {@code KAFKA_BOOTSTRAP_SERVERS} names Kafka.
     */
    public Map<String, Object> kafkaClientProperties() {
        return kafka.clientProperties(KafkaAccess.ADMIN);
    }

    /** The same login as {@code KAFKA_*} variables (docs/configuration.md), for a tool run as the super user. */
    public Map<String, String> kafkaAdminSettings() {
        return kafka.environment(KafkaAccess.ADMIN);
    }

    /** The application role's DATABASE_URL: rows only, what the services and tools use. */
    public String databaseUrl() {
        return postgres.databaseUrl();
    }

    /** The schema owner's DATABASE_URL, for a tool that migrates the schema itself (the migration benchmark). */
    public String migrationDatabaseUrl() {
        return postgres.migrationDatabaseUrl();
    }

    public String graphApiUrl() {
        return graph.baseUrl();
    }

    public DevSecrets secrets() {
        return secrets;
    }

    /** Where this stack keeps its data, logs, secrets and {@code stack.env} ({@code .local} unless told otherwise). */
    public Path home() {
        return settings.home();
    }

    /** After {@link #close()}: what was still waiting in Kafka, and that it is kept; empty when that is unknown. */
    public String stopSummary() {
        return stopSummary;
    }

    /** What each part is and where it listens, for the start-up banner. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>(List.of(
                "Kafka        " + kafka.description(),
                "PostgreSQL   " + postgres.description(),
                "Graph API    " + graph.baseUrl() + " (fake; serves a sample file for any media id)"));
        services.forEach((service, process) -> lines.add("%-12s %s%s   log: %s".formatted(service.label(), process.url(),
                service == Service.INGEST ? "/api/whatsapp/webhook" : "/api/whatsapp/messages/", process.logFile())));
        if (services.containsKey(Service.WORKER)) {
            lines.add("%-12s %s/console/   sign in as %s".formatted("console", workerUrl(), DevSecrets.CONSOLE_USER));
        }
        return lines;
    }

    /**
     * Stops everything that was started, in order: the ingest first (it stops accepting and drains what it took),
     * then the worker (it finishes its batch and commits), then the rest newest first: the fake Graph API, PostgreSQL's
     * and Kafka's turn come last. A failure to stop one part does not stop the others.
     */
    @Override
    public synchronized void close() {
        stop(Service.INGEST);
        stop(Service.WORKER);
        if (kafka != null) {
            kafka.waiting(WORKER_GROUP).ifPresent(lag -> stopSummary = lag == 0 ? "Every webhook Kafka holds is stored."
                    : lag + " webhooks accepted and not yet stored are kept in Kafka; the worker stores them at the next start.");
        }
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            }
            catch (Exception e) {
                log.warn("Could not stop {} cleanly: {}", part.getClass().getSimpleName(), e.toString());
            }
        }
        processes.forgetAll();
        if (guard != null) {
            guard.close();
            guard = null;
        }
    }

    private <T extends AutoCloseable> T remember(T part) {
        started.push(part);
        return part;
    }

    private static int portOrFree(int port) {
        if (port > 0) {
            return port;
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not create " + directory, e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("could not delete " + root, e);
        }
    }
}
