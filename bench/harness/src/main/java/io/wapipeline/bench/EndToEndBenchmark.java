package io.wapipeline.bench;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import io.wapipeline.stack.LocalStack;
import io.wapipeline.stack.Service;

/**
 * Benchmark 4: webhooks at a fixed rate through the whole stack; for each stored message, from the ingest's receive
 * time ({@code received_at}) to the start of the transaction that stored it ({@code stored_at}).
 */
final class EndToEndBenchmark {

    private final BenchContext context;

    EndToEndBenchmark(BenchContext context) {
        this.context = context;
    }

    List<Row> run() throws Exception {
        try (LocalStack stack = context.stack(EnumSet.allOf(Service.class)); Pipeline pipeline = new Pipeline(stack)) {
            double rate = context.size(3300.0, 200.0);
            Duration duration = context.seconds(60, 3);
            SimulateProcess.Result report = SimulateProcess.atRate(context.repository(), stack.ingestUrl() + "/api/whatsapp/webhook",
                    stack.secrets().appSecret(), rate, duration, context.seconds(10, 1), "e2e");
            pipeline.awaitNoLag(Duration.ofMinutes(5));
            String percentiles = "SELECT percentile_cont(%s) WITHIN GROUP (ORDER BY extract(epoch FROM stored_at - received_at)) * 1000 "
                    + "FROM whatsapp_message WHERE message_id LIKE 'wamid.sim.e2e.%%'";
            double p50 = pipeline.number(percentiles.formatted("0.5"));
            double p99 = pipeline.number(percentiles.formatted("0.99"));
            long stored = pipeline.count("SELECT count(*) FROM whatsapp_message WHERE message_id LIKE 'wamid.sim.e2e.%'");
            String figure = "p50 %.0f ms / p99 %.0f ms over %,d messages (sent at %,.0f req/s for %d s; ingest p99 %.1f ms, %d not 200)"
                    .formatted(p50, p99, stored, report.achievedRate(), duration.toSeconds(), report.p99(), report.not200());
            context.say("end to end: " + figure);
            return List.of(Row.against("4. end to end, accepted → row stored, at %,.0f req/s".formatted(rate), figure,
                    "p99 ≤ 250 ms", p99 <= 250 && stored == report.messages()));
        }
    }
}
