package io.wapipeline.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import io.wapipeline.traffic.compose.Mix;
import io.wapipeline.stack.LocalStack;
import io.wapipeline.stack.Service;

/**
 * Benchmark 4: webhooks at a fixed rate through the whole stack; for each stored message, from the ingest's receive
 * time ({@code received_at}) to the start of the transaction that stored it ({@code stored_at}).
 */
final class EndToEndBenchmark {

    private static final String PERCENTILE = "SELECT percentile_cont(%s) WITHIN GROUP "
            + "(ORDER BY extract(epoch FROM stored_at - received_at)) * 1000 FROM whatsapp_message WHERE message_id LIKE 'wamid.sim.e2e.%%'";

    private final BenchContext context;

    EndToEndBenchmark(BenchContext context) {
        this.context = context;
    }

    List<Row> run() throws Exception {
        try (LocalStack stack = context.stack(EnumSet.allOf(Service.class)); Pipeline pipeline = new Pipeline(stack)) {
            double rate = context.size(3300.0, 200.0);
            Duration duration = context.seconds(60, 3);
            if (Wrk.installed()) {
                return List.of(withWrk(stack, pipeline, rate, duration));
            }
            SimulateProcess.Result report = SimulateProcess.atRate(context.repository(), stack.ingestUrl() + "/api/whatsapp/webhook",
                    stack.secrets().appSecret(), rate, duration, context.seconds(10, 1), "e2e");
            pipeline.awaitLagAtMost(0, Duration.ofMinutes(5));
            double p50 = pipeline.number(PERCENTILE.formatted("0.5"));
            double p99 = pipeline.number(PERCENTILE.formatted("0.99"));
            long stored = pipeline.count("SELECT count(*) FROM whatsapp_message WHERE message_id LIKE 'wamid.sim.e2e.%'");
            String figure = "p50 %.0f ms / p99 %.0f ms over %,d messages (sent at %,.0f req/s for %d s; ingest p99 %.1f ms, %d not 200)"
                    .formatted(p50, p99, stored, report.achievedRate(), duration.toSeconds(), report.p99(), report.not200());
            context.say("end to end: " + figure);
            return List.of(Row.against("4. end to end, accepted → row stored, at %,.0f req/s".formatted(rate), figure,
                    "p99 ≤ 250 ms", p99 <= 250 && stored == report.messages()));
        }
    }

    /**
     * With wrk: paced connections at the rate, every body distinct (pre-signed, as many as requests, a separate set
     * for the warm-up), so each request stores one new message whose delay can be measured.
     */
    private Row withWrk(LocalStack stack, Pipeline pipeline, double rate, Duration duration) throws Exception {
        String url = stack.ingestUrl() + "/api/whatsapp/webhook";
        String secret = stack.secrets().appSecret();
        Path directory = context.repository().resolve("bench/harness/target/wrk");
        Duration warmUp = context.seconds(10, 1);
        int warmBodies = (int) (rate * warmUp.toSeconds() * 1.2);
        int bodies = (int) (rate * duration.toSeconds() * 1.3);
        Wrk warm = Wrk.prepare(directory, "e2e-warm-bodies.tsv", BenchTraffic.bodies(Mix.TEXT, 0, secret, warmBodies, "e2ewarm"), warmBodies);
        Wrk measured = Wrk.prepare(directory, "e2e-bodies.tsv", BenchTraffic.bodies(Mix.TEXT, 0, secret, bodies, "e2e"), bodies);
        context.say("end to end: %,d distinct signed bodies written; warming up".formatted(warmBodies + bodies));
        Wrk.Result warmed = warm.paced(url, 256, rate, warmUp);
        Wrk.Result sent = measured.paced(url, 256, rate, Wrk.millis(warmed.p50()), duration);
        pipeline.awaitLagAtMost(0, Duration.ofMinutes(5));
        double p50 = pipeline.number(PERCENTILE.formatted("0.5"));
        double p99 = pipeline.number(PERCENTILE.formatted("0.99"));
        long stored = pipeline.count("SELECT count(*) FROM whatsapp_message WHERE message_id LIKE 'wamid.sim.e2e.%'");
        String figure = "p50 %.0f ms / p99 %.0f ms over %,d messages (wrk paced at %,.0f req/s for %d s; ingest p99 %s, %d not 200, %,d requests)"
                .formatted(p50, p99, stored, sent.requestsPerSecond(), duration.toSeconds(), sent.p99(), sent.non2xx(), sent.requests());
        context.say("end to end: " + figure);
        return Row.against("4. end to end, accepted → row stored, at %,.0f req/s".formatted(rate), figure, "p99 ≤ 250 ms",
                p99 <= 250 && sent.clean() && sent.requestsPerSecond() >= rate * 0.9 && stored >= sent.requests());
    }
}
