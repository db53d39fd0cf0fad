package io.wapipeline.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import io.wapipeline.traffic.compose.Mix;
import io.wapipeline.traffic.compose.SignedBody;
import io.wapipeline.stack.LocalStack;
import io.wapipeline.stack.Service;

/**
 * Benchmark 3 and the worker's part of 5: records preloaded into the raw topic behind as many warm-up records of the
 * same kind, then the worker started and timed from the moment only the measured number of records is left to no lag,
 * so that the JIT compiler's first seconds (half of a cold worker's CPU in async-profiler) are not counted. The ceiling
 * is {@code COPY} of the same stored rows into the same table.
 */
final class WorkerBenchmarks {

    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final BenchContext context;

    WorkerBenchmarks(BenchContext context) {
        this.context = context;
    }

    List<Row> run() throws Exception {
        List<Row> rows = new ArrayList<>();
        try (LocalStack stack = context.stack(EnumSet.noneOf(Service.class)); Pipeline pipeline = new Pipeline(stack)) {
            pipeline.declareTopics();
            String secret = stack.secrets().appSecret();
            long texts = context.size(200_000L, 2_000L);
            Phase text = phase(stack, pipeline, BenchTraffic.bodies(Mix.TEXT, 0, secret, context.size(100_000L, 500L), "wtwarm"),
                    BenchTraffic.bodies(Mix.TEXT, 0, secret, texts, "wtext"), "wtext");
            rows.add(Row.measured("5. worker start-up to healthy", IngestBenchmarks.seconds(stack.readyAfter(Service.WORKER))));
            double copy = copyRowsPerSecond(pipeline, "wamid.sim.wtext.%");
            rows.add(Row.withCeiling("3. worker, %,d text messages stored (ceiling: COPY of the same rows)".formatted(text.messages()),
                    text.messagesPerSecond(), copy, "msg/s", "≥ 20,000 msg/s and ≥ 0.3",
                    text.messagesPerSecond() >= 20_000 && text.messagesPerSecond() / copy >= 0.3));
            stack.stop(Service.WORKER);
            long mixed = context.size(100_000L, 1_000L);
            Phase mix = phase(stack, pipeline, BenchTraffic.bodies(Mix.MIXED, 0.1, secret, context.size(50_000L, 500L), "wmwarm"),
                    BenchTraffic.bodies(Mix.MIXED, 0.1, secret, mixed, "wmixed"), "wmixed");
            rows.add(Row.measured("3. worker, mixed: %,d records (10 %% duplicates) → %,d messages + %,d statuses".formatted(
                    mix.records(), mix.messages(), mix.statuses()), "%,.0f msg/s + %,.0f statuses/s".formatted(
                    mix.messagesPerSecond(), mix.statusesPerSecond())));
            long pid = stack.pid(Service.WORKER);
            rows.add(Row.measured("5. worker peak RSS under load", Memory.peakResidentMiB(pid) + " MiB"));
        }
        return rows;
    }

    /**
     * Preloads the warm-up records and then the measured ones, starts the worker, and times it from the moment the lag
     * falls to the measured count (what is left is as many records as were measured) to no lag, on the database's clock.
     */
    private Phase phase(LocalStack stack, Pipeline pipeline, Iterator<SignedBody> warmUp,
            Iterator<SignedBody> bodies, String runId) throws Exception {
        long warm = pipeline.preload(warmUp);
        long records = pipeline.preload(bodies);
        context.say("preloaded %,d warm-up and %,d measured records for %s; starting the worker".formatted(warm, records, runId));
        stack.start(Service.WORKER);
        Instant start = pipeline.awaitLagAtMost(records, TIMEOUT);
        Instant done = pipeline.awaitLagAtMost(0, TIMEOUT);
        String like = "'wamid.sim." + runId + ".%'";
        Phase phase = new Phase(records, pipeline.count("SELECT count(*) FROM whatsapp_message WHERE message_id LIKE " + like),
                pipeline.count("SELECT count(*) FROM whatsapp_message_status WHERE message_id LIKE " + like),
                Duration.between(start, done));
        context.say("%s: %s".formatted(runId, phase));
        return phase;
    }

    /**
     * Exports the stored rows with {@code COPY TO}, deletes them, and times {@code COPY FROM} of the same bytes into
     * the same table (same indexes and constraints): what PostgreSQL alone can write here.
     */
    private double copyRowsPerSecond(Pipeline pipeline, String like) throws Exception {
        CopyManager copy = pipeline.database().unwrap(PGConnection.class).getCopyAPI();
        ByteArrayOutputStream rows = new ByteArrayOutputStream();
        long count = copy.copyOut("COPY (SELECT * FROM whatsapp_message WHERE message_id LIKE '" + like + "') TO STDOUT", rows);
        try (var statement = pipeline.database().createStatement()) {
            statement.executeUpdate("DELETE FROM whatsapp_message WHERE message_id LIKE '" + like + "'");
        }
        long start = System.nanoTime();
        copy.copyIn("COPY whatsapp_message FROM STDIN", new ByteArrayInputStream(rows.toByteArray()));
        double seconds = (System.nanoTime() - start) / 1e9;
        context.say("COPY of %,d rows: %.2f s".formatted(count, seconds));
        return count / seconds;
    }

    /** One timed phase: records consumed and rows stored, in the time the worker took for that many records. */
    record Phase(long records, long messages, long statuses, Duration elapsed) {

        double messagesPerSecond() {
            return messages / (elapsed.toNanos() / 1e9);
        }

        double statusesPerSecond() {
            return statuses / (elapsed.toNanos() / 1e9);
        }
    }
}
