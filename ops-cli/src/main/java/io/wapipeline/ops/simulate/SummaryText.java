package io.wapipeline.ops.simulate;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import io.wapipeline.traffic.report.SimulationReport;
import io.wapipeline.traffic.send.SimulationSettings;

/** The summary {@code wa-ops simulate} prints at the end of a run. */
final class SummaryText {

    private SummaryText() {
    }

    static String of(SimulationSettings settings, SimulationReport report) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Simulation %s (seed %d) against %s%n", report.runId(), report.seed(),
                settings.url()));
        line(text, "POSTs sent", "%d (%d fresh, %d re-deliveries)", report.posts(),
                report.posts() - report.redeliveries(), report.redeliveries());
        line(text, "items sent", "%d (%d messages, %d statuses)", report.items(), report.messages(), report.statuses());
        line(text, "answers", "%s", joined(report.answersByStatus()));
        line(text, "errors", "%s", joined(report.errorsByKind()));
        line(text, "elapsed", "%.2f s, %.1f POSTs/s", report.elapsed().toNanos() / 1e9, report.achievedRate());
        line(text, "latency ms", "p50 %.2f  p95 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%s", report.latencyMillis(50),
                report.latencyMillis(95), report.latencyMillis(99), report.latencyMillis(99.9), report.maxLatencyMillis(),
                settings.load().openLoop() ? "  (from each request's intended start)" : "");
        return text.toString();
    }

    private static void line(StringBuilder text, String label, String format, Object... values) {
        text.append(String.format(Locale.ROOT, "  %-12s", label)).append(String.format(Locale.ROOT, format + "%n", values));
    }

    private static String joined(Map<?, Long> counts) {
        return counts.isEmpty() ? "none"
                : counts.entrySet().stream().map(count -> count.getKey() + ": " + count.getValue())
                        .collect(Collectors.joining("  "));
    }
}
