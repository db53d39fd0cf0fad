package io.wapipeline.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.wapipeline.model.settings.Setting;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./run-local}: starts the local stack, prints where everything is, and stops it all on Ctrl-C. */
@Command(name = "run-local", mixinStandardHelpOptions = true,
        description = { "Runs the whole pipeline on this machine without Docker: Kafka (Apache Kafka's own broker, KRaft, "
                + "log kept in .local/kafka), PostgreSQL (embedded, data kept in .local/postgres), the fake Graph API, "
                + "the ingest and the worker, all on 127.0.0.1.",
                "Set KAFKA_BOOTSTRAP_SERVERS or DATABASE_URL to use those instead of the embedded ones." })
public final class LocalStackCommand implements Callable<Integer> {

    @Option(names = "--reset", description = "Wipe the kept Kafka log, database and media before starting.")
    boolean reset;

    @Option(names = "--home", defaultValue = ".local", description = "Where data, logs, media and secrets go (default: ${DEFAULT-VALUE}).")
    Path home;

    @Option(names = "--ingest-port", defaultValue = "8080", description = "Default: ${DEFAULT-VALUE}.")
    int ingestPort;

    @Option(names = "--worker-port", defaultValue = "8081", description = "Default: ${DEFAULT-VALUE}.")
    int workerPort;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Kafka's port (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--stop-at-end-of-input", hidden = true,
            description = "Internal: stop when standard input ends (./run-local's pipe, closed when the script ends in any way).")
    boolean stopAtEndOfInput;

    @Option(names = "--postgres-port", defaultValue = "15432", description = "Embedded PostgreSQL's port (default: ${DEFAULT-VALUE}).")
    int postgresPort;

    public static void main(String[] args) {
        int exitCode = new CommandLine(new LocalStackCommand()).execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        if (stopAtEndOfInput) {
            stopAtEndOfInput();
        }
        Path repository = Path.of("").toAbsolutePath();
        if (!Files.isDirectory(repository.resolve("ingest-service"))) {
            System.err.println("run-local: run me from the repository's top directory (no ingest-service/ here)");
            return 2;
        }
        System.out.println("Starting the local stack (first start takes a minute; logs in " + home + "/logs) ...");
        LocalStack stack;
        try {
            stack = LocalStack.start(new StackSettings(repository, home.toAbsolutePath(), reset,
                    fromEnvironment(Setting.KAFKA_BOOTSTRAP_SERVERS), fromEnvironment(Setting.DATABASE_URL),
                    kafkaPort, postgresPort, ingestPort, workerPort, java.util.EnumSet.allOf(Service.class))
                    .with(StackSettings.ServiceJvms.QUICK_START));
        }
        catch (StackException inTheWay) {
            System.err.println("run-local: " + inTheWay.getMessage());
            return 1;
        }
        catch (RuntimeException failed) {
            System.err.println("run-local: the stack did not start: " + failed.getMessage() + " (logs in " + home + "/logs)");
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(stack), "local-stack-stop"));
        System.out.println(banner(stack));
        new CountDownLatch(1).await();
        return 0;
    }

    /** Exits (the shutdown hook then stops the stack in order) once standard input ends: its writer has ended. */
    private static void stopAtEndOfInput() {
        Thread reader = new Thread(() -> {
            try {
                System.in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            catch (java.io.IOException ended) {
                // ended as well
            }
            System.out.println("run-local ended: stopping the local stack.");
            System.exit(0);
        }, "stop-at-end-of-input");
        reader.setDaemon(true);
        reader.start();
    }

    private static void stop(LocalStack stack) {
        System.out.println("Stopping the local stack (ingest, worker, Kafka, PostgreSQL) ...");
        stack.close();
        System.out.println(("Stopped. " + stack.stopSummary()).strip());
    }

    private static Optional<String> fromEnvironment(Setting setting) {
        return Optional.ofNullable(System.getenv(setting.variable())).filter(value -> !value.isBlank());
    }

    static String banner(LocalStack stack) {
        DevSecrets secrets = stack.secrets();
        double seconds = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
        StringBuilder text = new StringBuilder("\nThe local stack is running (ready %.1f s after launch):\n".formatted(seconds));
        stack.describe().forEach(line -> text.append("  ").append(line).append('\n'));
        String home = stack.home().toString();
        return text.append("""

                Development secrets (generated once, kept in %1$s/secrets.env):
                  WHATSAPP_WEBHOOK_VERIFY_TOKEN=%2$s
                  WHATSAPP_APP_SECRET=%3$s
                  WHATSAPP_API_TOKENS=%4$s
                  console: %6$s, password %7$s
                Every setting of this run, for wa-ops and your scripts: %1$s/stack.env

                Next, in another terminal:
                  set -a; . %1$s/stack.env; set +a
                  ./wa-ops simulate --count 50 --mix mixed
                  curl -s -H "Authorization: Bearer $WHATSAPP_API_TOKENS" '%5$s/api/whatsapp/messages/?limit=5'
                  ./wa-ops doctor

                Ctrl-C stops everything.""".formatted(home, secrets.verifyToken(), secrets.appSecret(), secrets.apiToken(),
                stack.workerUrl(), DevSecrets.CONSOLE_USER, secrets.consolePassword())).toString();
    }
}
