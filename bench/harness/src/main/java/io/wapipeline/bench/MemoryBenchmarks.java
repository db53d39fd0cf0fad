package io.wapipeline.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import io.wapipeline.traffic.compose.Mix;
import io.wapipeline.stack.LocalStack;
import io.wapipeline.stack.Service;

/**
 * The ingest's resident memory against the 300 MB target, for several JVM profiles: each in a fresh process, first
 * at the fixed rates of benchmark 2 (peak RSS and p99 there), then saturated as in benchmark 1 (req/s and peak RSS).
 * The profiles are passed the way an operator would, through {@code JDK_JAVA_OPTIONS} and {@code MALLOC_ARENA_MAX}.
 */
final class MemoryBenchmarks {

    private static final String PATH = "/api/whatsapp/webhook";
    private static final int PACED_CONNECTIONS = 256;
    private static final int SATURATING_CONNECTIONS = 512;

    /** A way to run the ingest: JVM options and application arguments. */
    record Profile(String name, String javaOptions, List<String> arguments) {
    }

    static final List<Profile> PROFILES = List.of(
            new Profile("JVM defaults (no options)", "", List.of()),
            new Profile("heap 256 MB, parallel GC (the default of run-local and the image)", Service.INGEST.defaultJavaOptions(), List.of()),
            new Profile("heap 128 MB, serial GC, 32 MB code cache, 32 Tomcat threads",
                    "-XX:+UseSerialGC -Xmx128m -XX:ReservedCodeCacheSize=32m -Xss256k",
                    List.of("--server.tomcat.threads.max=32")));

    private final BenchContext context;

    MemoryBenchmarks(BenchContext context) {
        this.context = context;
    }

    List<Row> run() {
        if (!Wrk.installed()) {
            context.say("wrk is not installed (apt-get install wrk): skipping the memory profiles");
            return List.of(Row.measured("5. ingest memory by JVM profile", "skipped: wrk is not installed"));
        }
        List<Row> rows = new ArrayList<>();
        try (LocalStack stack = context.stack(EnumSet.noneOf(Service.class))) {
            Wrk wrk = Wrk.prepare(context.repository().resolve("bench/harness/target/wrk"), "memory-bodies.tsv",
                    BenchTraffic.bodies(Mix.TEXT, 0, stack.secrets().appSecret(), 2000, "mem"), 2000);
            for (Profile profile : context.size(PROFILES, PROFILES.subList(0, 1))) {
                rows.add(measure(stack, wrk, profile));
            }
        }
        return rows;
    }

    /** Starts the stack's ingest with the profile, measures, and stops it again. */
    private Row measure(LocalStack stack, Wrk wrk, Profile profile) {
        stack.start(Service.INGEST, Map.of("JDK_JAVA_OPTIONS", profile.javaOptions(), "MALLOC_ARENA_MAX", "2"),
                profile.arguments());
        try {
            long pid = stack.pid(Service.INGEST);
            String url = stack.ingestUrl() + PATH;
            wrk.paced(url, PACED_CONNECTIONS, 3300, context.seconds(10, 1));
            Wrk.Result at3300 = wrk.paced(url, PACED_CONNECTIONS, 3300, context.seconds(20, 1));
            long peakAt3300 = Memory.peakResidentMiB(pid);
            Wrk.Result at6000 = wrk.paced(url, PACED_CONNECTIONS, 6000, context.seconds(20, 1));
            long peakAt6000 = Memory.peakResidentMiB(pid);
            Wrk.Result saturated = wrk.run(url, context.size(SATURATING_CONNECTIONS, 16), context.seconds(10, 1));
            long peakSaturated = Memory.peakResidentMiB(pid);
            String figure = ("3,300 req/s: peak RSS %d MiB, p99 %s (achieved %,.0f); 6,000 req/s: peak RSS %d MiB, p99 %s "
                    + "(achieved %,.0f); saturated (%d connections): %,.0f req/s%s, peak RSS %d MiB").formatted(
                    peakAt3300, at3300.p99(), at3300.requestsPerSecond(), peakAt6000, at6000.p99(),
                    at6000.requestsPerSecond(), saturated.connections(), saturated.requestsPerSecond(),
                    saturated.clean() ? "" : " (" + saturated.non2xx() + " not 200)", peakSaturated);
            context.say(profile.name() + ": " + figure);
            boolean met = peakAt3300 * 1.048576 <= 300 && Wrk.millis(at3300.p99()) <= 10 && at3300.clean()
                    && saturated.clean() && saturated.requestsPerSecond() >= 15_000;
            return Row.against("5. ingest memory, " + profile.name() + ": `" + (profile.javaOptions().isEmpty() ? "—"
                    : profile.javaOptions()) + "`" + (profile.arguments().isEmpty() ? "" : " " + String.join(" ", profile.arguments())),
                    figure, "RSS ≤ 300 MB at 3,300 req/s, with p99 ≤ 10 ms and ≥ 15,000 req/s saturated", met);
        }
        finally {
            stack.stop(Service.INGEST);
        }
    }
}
