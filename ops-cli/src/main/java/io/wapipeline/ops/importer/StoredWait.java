package io.wapipeline.ops.importer;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.wapipeline.ops.records.Progress;

/** Waits, bounded, until the worker has stored every published message, saying how far it is every few seconds. */
final class StoredWait {

    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(5);

    private final TargetDatabase target;
    private final Progress progress;

    StoredWait(TargetDatabase target, PrintWriter err, String verb) {
        this.target = target;
        this.progress = new Progress(err, verb, REPORT_EVERY);
    }

    /** The published ids still not in {@code whatsapp_message} when {@code limit} is up, in publishing order; empty once all are. */
    Set<String> missingAfter(Set<String> published, Duration limit) throws SQLException, InterruptedException {
        Set<String> missing = new LinkedHashSet<>(published);
        long deadline = System.nanoTime() + limit.toNanos();
        missing.removeAll(target.stored(missing));
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
            missing.removeAll(target.stored(missing));
            Duration left = Duration.ofSeconds((Math.max(0, deadline - System.nanoTime()) + 999_999_999L) / 1_000_000_000L);
            progress.update(() -> "waiting for the worker: " + ImportSummary.count(published.size() - missing.size()) + " of "
                    + ImportSummary.messages(published.size()) + " stored, " + describe(left) + " left");
        }
        return missing;
    }

    /** {@code 5m}, {@code 1m30s}, {@code 45s}, {@code 0s} ({@code 500ms} below a second). */
    static String describe(Duration duration) {
        if (duration.toSeconds() == 0) {
            return duration.isZero() ? "0s" : duration.toMillis() + "ms";
        }
        long hours = duration.toHours();
        int minutes = duration.toMinutesPart();
        int seconds = duration.toSecondsPart();
        return (hours > 0 ? hours + "h" : "") + (minutes > 0 ? minutes + "m" : "") + (seconds > 0 ? seconds + "s" : "");
    }
}
