package io.wapipeline.traffic.report;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.HdrHistogram.Histogram;

/**
 * What a simulation sent and what came back.
 *
 * @param posts              POSTs sent, re-deliveries included
 * @param redeliveries       byte-identical second deliveries among them
 * @param messages           inbound messages sent (each counted once, however often its POST was delivered)
 * @param statuses           status items sent (likewise)
 * @param answersByStatus    answers by HTTP status code
 * @param errorsByKind       requests that got no answer, by kind ({@code ConnectException}, {@code HttpTimeoutException})
 * @param elapsed            from the first request to the last answer
 * @param latencyMicros      the latency of every answer in microseconds; in an open loop ({@code --rate}) measured from
 *                           the time the request was due, not from when it could be sent
 * @param inboundMessageIds  the wamids of inbound messages acknowledged with a 2xx, sorted (that is, in sending order)
 * @param outboundMessageIds the wamids of the business's messages whose statuses were acknowledged with a 2xx, sorted
 */
public record SimulationReport(String runId, long seed, long posts, long redeliveries, long messages, long statuses,
        Map<Integer, Long> answersByStatus, Map<String, Long> errorsByKind, Duration elapsed, Histogram latencyMicros,
        List<String> inboundMessageIds, List<String> outboundMessageIds) {

    public SimulationReport {
        answersByStatus = Collections.unmodifiableMap(new TreeMap<>(answersByStatus));
        errorsByKind = Collections.unmodifiableMap(new TreeMap<>(errorsByKind));
        inboundMessageIds = List.copyOf(inboundMessageIds);
        outboundMessageIds = List.copyOf(outboundMessageIds);
    }

    /** Messages and statuses. */
    public long items() {
        return messages + statuses;
    }

    public long errors() {
        return errorsByKind.values().stream().mapToLong(Long::longValue).sum();
    }

    /** True when every POST was answered, and every answer was a 2xx. */
    public boolean allAcknowledged() {
        long acknowledged = answersByStatus.entrySet().stream().filter(answer -> answer.getKey() / 100 == 2)
                .mapToLong(Map.Entry::getValue).sum();
        return acknowledged == posts;
    }

    /** POSTs per second over the whole run. */
    public double achievedRate() {
        return elapsed.isZero() ? 0 : posts * 1e9 / elapsed.toNanos();
    }

    /** The latency at {@code percentile} (0 to 100) in milliseconds; 0 when nothing was answered. */
    public double latencyMillis(double percentile) {
        return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    public double maxLatencyMillis() {
        return latencyMicros.getMaxValue() / 1000.0;
    }
}
