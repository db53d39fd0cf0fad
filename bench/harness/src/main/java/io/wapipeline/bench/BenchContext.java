package io.wapipeline.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.wapipeline.model.settings.Setting;
import io.wapipeline.stack.LocalStack;
import io.wapipeline.stack.Service;
import io.wapipeline.stack.StackSettings;

/** What every benchmark needs: the checkout, smoke or full sizes, where to log progress, and how to start a stack. */
record BenchContext(Path repository, boolean smoke, PrintWriter log) {

    /** A fresh local stack with these services (Kafka and PostgreSQL from the environment if set, else embedded). */
    LocalStack stack(Set<Service> services) {
        return stack(services, 0);
    }

    /** The same with the ingest on {@code ingestPort} (0: any free one), kept when it is started again. */
    LocalStack stack(Set<Service> services, int ingestPort) {
        Path home = repository.resolve("bench/harness/target/bench-home");
        StackSettings settings = new StackSettings(repository, home, true, environment(Setting.KAFKA_BOOTSTRAP_SERVERS),
                environment(Setting.DATABASE_URL), 0, 0, ingestPort, 0,
                services.isEmpty() ? EnumSet.noneOf(Service.class) : EnumSet.copyOf(services));
        say("starting the stack with " + services);
        LocalStack stack = LocalStack.start(settings);
        // Killed mid-run (Ctrl-C), the harness still stops the services it started; closing twice is harmless.
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "bench-stack-stop"));
        return stack;
    }

    /** Whether the stack runs its own Kafka and PostgreSQL, which a fault suite can stop (neither is set in the environment). */
    boolean ownKafkaAndDatabase() {
        return environment(Setting.KAFKA_BOOTSTRAP_SERVERS).isEmpty() && environment(Setting.DATABASE_URL).isEmpty();
    }

    /** The full figure's value, or the smoke run's. */
    <T> T size(T full, T smokeValue) {
        return smoke ? smokeValue : full;
    }

    Duration seconds(long full, long smokeSeconds) {
        return Duration.ofSeconds(smoke ? smokeSeconds : full);
    }

    /** Waits up to 60 s for {@code condition}, checking every 100 ms, and says so; fails the run if it never holds. */
    void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gave up waiting for " + what);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        say(what + ": done");
    }

    void say(String line) {
        log.println("bench: " + line);
        log.flush();
    }

    private static Optional<String> environment(Setting setting) {
        return Optional.ofNullable(System.getenv(setting.variable())).filter(value -> !value.isBlank());
    }
}
