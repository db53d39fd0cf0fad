package io.wapipeline.worker.webhook;

import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Logs, at INFO, what the worker stored since the last summary; silent when nothing happened. */
@Component
class ActivitySummary {

    private static final Logger log = LoggerFactory.getLogger(ActivitySummary.class);

    private final WorkerMetrics metrics;

    ActivitySummary(WorkerMetrics metrics) {
        this.metrics = metrics;
    }

    @Scheduled(fixedDelayString = "${whatsapp.worker.summary-interval:60s}", initialDelayString = "${whatsapp.worker.summary-interval:60s}")
    void log() {
        long records = take(metrics.records);
        long failures = take(metrics.failures);
        if (records == 0 && failures == 0) {
            return;
        }
        log.info("Consumed {} records: {} new messages, {} duplicates, {} statuses, {} call reports, {} new events, {} dead-lettered, "
                + "{} failed batches retried", records, take(metrics.newMessages), take(metrics.duplicates), take(metrics.statusRows),
                take(metrics.callReports), take(metrics.newEvents), take(metrics.deadLettered), failures);
    }

    private static long take(LongAdder adder) {
        return adder.sumThenReset();
    }
}
