package io.wapipeline.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.wapipeline.bench.DeliveryPlan.Delivery;
import io.wapipeline.traffic.compose.Mix;
import io.wapipeline.traffic.compose.SignedBody;
import io.wapipeline.traffic.compose.Traffic;
import io.wapipeline.stack.LocalStack;
import io.wapipeline.stack.Service;

/**
 * {@code bench/run faults}: the whole stack under signed load from another JVM while each fault is injected in turn
 * (Kafka stopped, the worker killed again and again, PostgreSQL restarted and crashed, the ingest killed), then
 * deliveries that test the pipeline's rules (every webhook three times, two at once; statuses out of order; poison
 * among good bodies). One row each. The suite stops at a fault that could not be run: the stack's state is unknown then.
 */
final class FaultSuite {

    private final BenchContext context;

    FaultSuite(BenchContext context) {
        this.context = context;
    }

    /** A fault: its name in the table and how it runs. */
    private record Fault(String name, Step step) {
    }

    @FunctionalInterface
    private interface Step {
        FaultRow run(String name) throws Exception;
    }

    List<FaultRow> run() throws Exception {
        if (!context.ownKafkaAndDatabase()) {
            throw new IllegalStateException("the fault suite stops and kills the stack's own Kafka and PostgreSQL: "
                    + "unset KAFKA_BOOTSTRAP_SERVERS and DATABASE_URL");
        }
        Path directory = emptyDirectory(context.repository().resolve("bench/harness/target/faults"));
        try (LocalStack stack = context.stack(EnumSet.allOf(Service.class), freePort()); Ledger ledger = new Ledger(stack)) {
            FaultRunner runner = new FaultRunner(context, stack, ledger, directory);
            return runInTurn(faults(runner, stack.secrets().appSecret()));
        }
    }

    private List<FaultRow> runInTurn(List<Fault> faults) throws InterruptedException {
        List<FaultRow> rows = new ArrayList<>();
        boolean stopped = false;
        for (Fault fault : faults) {
            if (stopped) {
                rows.add(FaultRow.notRun(fault.name()));
                continue;
            }
            context.say(fault.name());
            try {
                rows.add(fault.step().run(fault.name()));
            }
            catch (InterruptedException interrupted) {
                throw interrupted;
            }
            catch (Exception failure) {
                context.say(fault.name() + " could not be run: " + failure);
                rows.add(FaultRow.couldNotRun(fault.name(), failure));
                stopped = true;
            }
        }
        return rows;
    }

    private List<Fault> faults(FaultRunner runner, String secret) {
        Duration outage = context.seconds(60, 5);
        int kills = context.size(10, 2);
        return List.of(
                new Fault("1. Kafka stopped for %d s, then started".formatted(outage.toSeconds()),
                        name -> runner.underLoad(name, "fault1", (stack, notes) -> kafkaOutage(stack, outage))),
                new Fault("2. worker killed (SIGKILL) %d times, restarted after each".formatted(kills),
                        name -> runner.underLoad(name, "fault2", (stack, notes) -> killWorker(stack, kills, runner))),
                new Fault("3a. PostgreSQL restarted (fast shutdown)",
                        name -> runner.underLoad(name, "fault3a", (stack, notes) -> stack.restartPostgres())),
                new Fault("3b. PostgreSQL killed (SIGKILL) and started again",
                        name -> runner.underLoad(name, "fault3b", (stack, notes) -> stack.crashPostgres())),
                new Fault("4. ingest killed (SIGKILL) and restarted", name -> runner.underLoad(name, "fault4", FaultSuite::killIngest)),
                new Fault("5. every webhook delivered 3 times, 2 of them at once",
                        name -> runner.delivered(name, "fault5", threeTimesTwoAtOnce(secret, "fault5"))),
                new Fault("6. statuses in random order", name -> runner.delivered(name, "fault6", shuffledStatuses(secret, "fault6"))),
                new Fault("7. poison bodies (not JSON, year 10000, 3,000-character id) among good ones",
                        name -> runner.delivered(name, "fault7", poisonAmongGood(secret, "fault7"))));
    }

    private void kafkaOutage(LocalStack stack, Duration outage) throws InterruptedException {
        stack.stopKafka();
        TimeUnit.MILLISECONDS.sleep(outage.toMillis());
        stack.startKafka();
    }

    /** Each kill after the first waits until the restarted worker has caught up, then a moment more, so it dies mid-work. */
    private void killWorker(LocalStack stack, int kills, FaultRunner runner) throws InterruptedException {
        for (int kill = 1; kill <= kills; kill++) {
            if (kill > 1) {
                runner.awaitLagZero(context.seconds(60, 20));
                TimeUnit.MILLISECONDS.sleep(ThreadLocalRandom.current().nextInt(1_000));
            }
            stack.kill(Service.WORKER);
            stack.start(Service.WORKER);
            context.say("worker killed and restarted (%d of %d)".formatted(kill, kills));
        }
    }

    /** On the same port (the stack was started with one), so the load finds it again. */
    private static void killIngest(LocalStack stack, List<String> notes) {
        stack.kill(Service.INGEST);
        stack.start(Service.INGEST);
    }

    /** Simulate's mixed traffic (messages and statuses), each webhook sent twice at once, then a third time later. */
    private DeliveryPlan threeTimesTwoAtOnce(String secret, String runId) {
        Traffic traffic = Traffic.of(Mix.MIXED).withRunId(runId).withSeed(runId.hashCode());
        return DeliveryPlan.threeTimesTwoAtOnce(deliveries(BenchTraffic.bodies(traffic, secret, context.size(2_000, 100))));
    }

    /** Simulate's mixed traffic with each message's statuses shuffled (their timestamps stay true). */
    private DeliveryPlan shuffledStatuses(String secret, String runId) {
        Traffic traffic = Traffic.of(Mix.MIXED).shufflingStatuses().withRunId(runId).withSeed(runId.hashCode());
        return DeliveryPlan.once(deliveries(BenchTraffic.bodies(traffic, secret, context.size(3_000, 200))));
    }

    /** Text webhooks, every tenth replaced by a poison body of each kind in turn. */
    private DeliveryPlan poisonAmongGood(String secret, String runId) {
        PoisonWebhooks poison = new PoisonWebhooks(secret);
        Iterator<SignedBody> bodies = BenchTraffic.bodies(Mix.TEXT, 0, secret, context.size(2_000, 60), runId);
        List<Delivery> deliveries = new ArrayList<>();
        for (int n = 1; bodies.hasNext(); n++) {
            SignedBody body = bodies.next();
            deliveries.add(n % 10 == 0 ? poison.nth(n / 10, body, runId) : Delivery.of(body));
        }
        return DeliveryPlan.once(deliveries);
    }

    private static List<Delivery> deliveries(Iterator<SignedBody> bodies) {
        List<Delivery> deliveries = new ArrayList<>();
        bodies.forEachRemaining(body -> deliveries.add(Delivery.of(body)));
        return deliveries;
    }

    /** The ingest's port, chosen once so that a restarted ingest is found where the load sends. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Path emptyDirectory(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        return Files.createDirectories(directory);
    }
}
