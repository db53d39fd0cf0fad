package io.wapipeline.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.wapipeline.traffic.compose.Mix;
import io.wapipeline.traffic.compose.SignedBody;
import io.wapipeline.stack.LocalStack;
import io.wapipeline.stack.Service;

/**
 * {@code bench/run hostile}: the attacks a public webhook URL invites, each on a freshly started ingest, with signed
 * webhooks sent meanwhile: a slowloris of hundreds of connections, bodies held one byte short of complete to take the
 * memory of the small-memory profile, and a Kafka outage under load followed by the burst of Meta's retries; then the
 * attacks on who may get in ({@link AccessAttacks}). One row per attack: what it did, how the signed webhooks fared,
 * what the services showed, and the bar.
 */
final class HostileSuite {

    private static final String PATH = ServiceHttp.WEBHOOK_PATH;
    /** Meta's latency standard for webhook answers: a median of at most 250 ms, fewer than 1 % over 1 s. */
    private static final String META_STANDARD = "every signed POST 200; median ≤ 250 ms, p99 ≤ 1 s (Meta's standard)";
    /** How soon after Kafka's start a signed webhook must be answered 200 again. */
    private static final Duration RECOVERY = Duration.ofSeconds(5);
    private static final MemoryBenchmarks.Profile SMALL = MemoryBenchmarks.PROFILES.get(MemoryBenchmarks.PROFILES.size() - 1);

    private final BenchContext context;
    private final ServiceHttp http = new ServiceHttp();

    HostileSuite(BenchContext context) {
        this.context = context;
    }

    /** Every attack in turn, or only {@code only} (1 to {@value AccessAttacks#LAST}) when it is not null. */
    List<HostileRow> run(Integer only) throws Exception {
        if (only != null && (only < 1 || only > AccessAttacks.LAST)) {
            throw new IllegalArgumentException("--attack is 1 to " + AccessAttacks.LAST + ", not " + only);
        }
        if (!Wrk.installed()) {
            throw new IllegalStateException("the hostile suite sends its signed webhooks with wrk: apt-get install wrk");
        }
        if (!context.ownKafkaAndDatabase()) {
            throw new IllegalStateException("the hostile suite stops the stack's own Kafka: unset KAFKA_BOOTSTRAP_SERVERS and DATABASE_URL");
        }
        List<HostileRow> rows = new ArrayList<>();
        try (LocalStack stack = context.stack(EnumSet.noneOf(Service.class))) {
            if (only == null || only < AccessAttacks.FIRST) {
                rows.addAll(capacityAttacks(stack, only));
            }
            if (only == null || only >= AccessAttacks.FIRST) {
                rows.addAll(new AccessAttacks(context, stack).run(only));
            }
        }
        return rows;
    }

    /** Attacks 1 to 3, on the ingest's threads and memory, with signed webhooks sent meanwhile by wrk. */
    private List<HostileRow> capacityAttacks(LocalStack stack, Integer only) throws Exception {
        Wrk wrk = Wrk.prepare(context.repository().resolve("bench/harness/target/wrk"), "hostile-bodies.tsv",
                BenchTraffic.bodies(Mix.TEXT, 0, stack.secrets().appSecret(), 5_000, "hostile"), 5_000);
        List<HostileRow> rows = new ArrayList<>();
        if (only == null || only == 1) {
            rows.add(slowloris(stack, wrk));
        }
        if (only == null || only == 2) {
            rows.add(heldBodies(stack, wrk));
        }
        if (only == null || only == 3) {
            rows.add(kafkaOutage(stack, wrk));
        }
        return rows;
    }

    /** Connections that announce a large body and send a byte every 5 s, and others that stop after 7 bytes of 1,000. */
    private HostileRow slowloris(LocalStack stack, Wrk wrk) throws Exception {
        int dripping = context.size(500, 100);
        int stuck = context.size(50, 10);
        Duration length = context.seconds(180, 15);
        String attack = ("1. slowloris for %d s: %d connections announcing 1,000,000 bytes and sending one every 5 s, %d sending "
                + "7 of 1,000 bytes; each replaced at once when answered").formatted(length.toSeconds(), dripping, stuck);
        context.say(attack);
        stack.start(Service.INGEST);
        try (RawConnections drip = RawConnections.start(port(stack), new RawConnections.Shape(1_000_000, 0, Duration.ofSeconds(5)), dripping, "slowloris");
                RawConnections sevenBytes = RawConnections.start(port(stack), new RawConnections.Shape(1_000, 7, Duration.ZERO), stuck, "stuck-bodies")) {
            context.await("the attack's connections to open", () -> drip.open() >= dripping && sevenBytes.open() >= stuck);
            Wrk.Result signed = wrk.paced(stack.ingestUrl() + PATH, 32, 500, length);
            ThreadDump threads = ThreadDump.of(stack.pid(Service.INGEST));
            String outcome = ("slow connections answered %s, %,d opened in all, %d open at the end; 7-byte bodies answered %s; "
                    + "%d of %d container threads busy at the end").formatted(drip.answers(), drip.opened(), drip.open(),
                    sevenBytes.answers(), threads.busyContainerThreads(), threads.containerThreads());
            boolean held = meetsMetaStandard(signed) && drip.answered("408") > 0 && sevenBytes.answered("408") > 0;
            return new HostileRow(attack, signedFigures(signed), outcome, META_STANDARD + "; the slow ones answered 408", held);
        }
        finally {
            stack.stop(Service.INGEST);
        }
    }

    /** Bodies of 4 MiB with a bogus signature, all but the last byte sent, against the smallest memory profile. */
    private HostileRow heldBodies(LocalStack stack, Wrk wrk) throws Exception {
        int connections = 40;
        Duration length = context.seconds(60, 5);
        int size = 4 * 1024 * 1024;
        String attack = ("2. memory: %d connections each sending a 4 MiB body with a bogus signature but its last byte, for %d s, "
                + "against `%s` %s").formatted(connections, length.toSeconds(), SMALL.javaOptions(), String.join(" ", SMALL.arguments()));
        context.say(attack);
        Path log = stack.home().resolve("logs/ingest.log");
        long logBefore = Files.exists(log) ? Files.size(log) : 0;
        stack.start(Service.INGEST, Map.of("JDK_JAVA_OPTIONS", SMALL.javaOptions(), "MALLOC_ARENA_MAX", "2"), SMALL.arguments());
        long pid = stack.pid(Service.INGEST);
        try (RawConnections held = RawConnections.start(port(stack), new RawConnections.Shape(size, size - 1, Duration.ZERO), connections, "held-bodies")) {
            context.await("the first 503 for a body over the budget", () -> held.answered("503") > 0);
            double bufferPeak = http.metric(stack.ingestUrl(), "whatsapp_webhook_unauthenticated_bytes", "");
            Wrk.Result signed = wrk.paced(stack.ingestUrl() + PATH, 16, 200, length);
            long outOfMemory = occurrences(log, logBefore, "OutOfMemoryError");
            long peak = Memory.peakResidentMiB(pid);
            String outcome = ("attack answered %s, %d held open at the end; unauthenticated bytes held: %.0f MiB; "
                    + "OutOfMemoryError: %d; peak RSS %d MiB").formatted(held.answers(), held.open(), bufferPeak / (1 << 20),
                    outOfMemory, peak);
            return new HostileRow(attack, signedFigures(signed), outcome, META_STANDARD + "; no OutOfMemoryError",
                    meetsMetaStandard(signed) && outOfMemory == 0);
        }
        finally {
            stack.stop(Service.INGEST);
        }
    }

    /**
     * Kafka stopped under closed-loop load from 200 connections, then started again and the ingest saturated by 512
     * (the retries Meta sends after an outage), with the worker catching up. The services run with the stack's
     * defaults: what an operator gets.
     */
    private HostileRow kafkaOutage(LocalStack stack, Wrk wrk) throws Exception {
        Duration outage = context.seconds(60, 8);
        Duration burst = context.seconds(60, 5);
        String attack = ("3. Kafka stopped for %d s under load from 200 connections, then started and the ingest saturated by 512 "
                + "for %d s; the stack's memory defaults").formatted(outage.toSeconds(), burst.toSeconds());
        context.say(attack);
        stack.start(Service.INGEST);
        stack.start(Service.WORKER);
        SignedBody signedProbe = BenchTraffic.bodies(Mix.TEXT, 0, stack.secrets().appSecret(), 1, "recovery").next();
        try (Ledger ledger = new Ledger(stack)) {
            long ingest = stack.pid(Service.INGEST);
            long worker = stack.pid(Service.WORKER);
            Wrk.Result during;
            ThreadDump threads;
            String probed;
            boolean probesAnswered;
            stack.stopKafka();
            try (Probes probes = Probes.start(stack.ingestUrl(), "/actuator/health/liveness", "/actuator/prometheus")) {
                CompletableFuture<Wrk.Result> load = CompletableFuture.supplyAsync(() -> wrk.run(stack.ingestUrl() + PATH, 200, outage));
                TimeUnit.MILLISECONDS.sleep(outage.toMillis() / 2);
                threads = ThreadDump.of(ingest);
                during = load.join();
                probed = probes.summary();
                probesAnswered = probes.allAnswered();
            }
            finally {
                stack.startKafka();
            }
            long kafkaBack = System.nanoTime();
            context.await("a signed webhook answered 200 again", () -> http.signedPost(stack.ingestUrl(), signedProbe) == 200);
            Duration recovered = Duration.ofNanos(System.nanoTime() - kafkaBack);
            Wrk.Result after = wrk.run(stack.ingestUrl() + PATH, 512, burst);
            boolean drained = ledger.awaitLagZero(context.seconds(180, 60));
            long ingestPeak = Memory.peakResidentMiB(ingest);
            long workerPeak = Memory.peakResidentMiB(worker);
            String signed = ("outage: %,d answered, %,d not 200, %,.0f req/s, latency median %s, p99 %s, max %s; first 200 %.1f s after "
                    + "Kafka started; burst: %,.0f req/s, %,d not 200, p99 %s").formatted(during.requests(), during.non2xx(),
                    during.requestsPerSecond(), during.p50(), during.p99(), during.max(), recovered.toMillis() / 1000.0,
                    after.requestsPerSecond(), after.non2xx() + after.socketErrors(), after.p99());
            String outcome = ("mid-outage: %d of %d container threads busy, %d waiting in waitOnMetadata; %s; peak RSS ingest %d MiB, worker %d MiB; "
                    + "worker %s").formatted(threads.busyContainerThreads(), threads.containerThreads(),
                    threads.containerThreadsWaitingIn("waitOnMetadata"), probed, ingestPeak, workerPeak,
                    drained ? "caught up" : "did not catch up within the wait");
            boolean held = threads.containerThreadsWaitingIn("waitOnMetadata") == 0 && Wrk.millis(during.max()) <= 3_500
                    && probesAnswered && recovered.compareTo(RECOVERY) <= 0 && after.clean() && drained;
            return new HostileRow(attack, signed, outcome, "no thread waits on Kafka; every 503 within the 3 s publish timeout "
                    + "(max ≤ 3.5 s); liveness and metrics answer within 1 s; 200 again within " + RECOVERY.toSeconds()
                    + " s of Kafka's start (the producer's reconnect backoff, 2 s ±20 %, plus metadata), then every POST 200 "
                    + "and the backlog stored", held);
        }
        finally {
            stack.stop(Service.WORKER);
            stack.stop(Service.INGEST);
        }
    }

    private static boolean meetsMetaStandard(Wrk.Result signed) {
        return signed.clean() && signed.requests() > 0 && Wrk.millis(signed.p50()) <= 250 && Wrk.millis(signed.p99()) <= 1_000;
    }

    private static String signedFigures(Wrk.Result signed) {
        return "%,d sent at %,.0f/s, %,d not 200, %,d socket errors; median %s, p99 %s, max %s".formatted(signed.requests(),
                signed.requestsPerSecond(), signed.non2xx(), signed.socketErrors(), signed.p50(), signed.p99(), signed.max());
    }

    private static long occurrences(Path log, long from, String text) throws IOException {
        byte[] bytes = Files.readAllBytes(log);
        String added = new String(bytes, (int) Math.min(from, bytes.length), (int) Math.max(0, bytes.length - from), StandardCharsets.UTF_8);
        return Pattern.compile(Pattern.quote(text)).matcher(added).results().count();
    }

    private static int port(LocalStack stack) {
        return URI.create(stack.ingestUrl()).getPort();
    }
}
