package io.wapipeline.worker.webhook;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.wapipeline.model.payload.EventReceived;
import io.wapipeline.worker.webhook.BatchWriter.BatchWritten;

/**
 * The worker's Prometheus metrics, and the running totals behind the periodic summary line. Consumer lag comes
 * from the Kafka client's own metrics ({@code kafka_consumer_fetch_manager_records_lag_max}).
 */
@Component
class WorkerMetrics {

    private final Counter recordsStored;
    private final Counter recordsDeadLettered;
    private final Counter messagesNew;
    private final Counter messagesFromHistory;
    private final Counter messagesDuplicate;
    private final Counter statuses;
    private final Counter calls;
    private final Counter events;
    private final Counter batchFailures;
    private final Counter batchRetries;
    private final Timer batchLatency;
    private final Counter itemsUnreadable;
    private final Counter isolations;

    final LongAdder records = new LongAdder();
    final LongAdder newMessages = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder statusRows = new LongAdder();
    final LongAdder callReports = new LongAdder();
    final LongAdder newEvents = new LongAdder();
    final LongAdder deadLettered = new LongAdder();
    final LongAdder failures = new LongAdder();

    WorkerMetrics(MeterRegistry registry) {
        recordsStored = records(registry, "stored");
        recordsDeadLettered = records(registry, "dead_lettered");
        messagesNew = Counter.builder("whatsapp.worker.messages").tag("result", "new").register(registry);
        messagesFromHistory = Counter.builder("whatsapp.worker.messages").tag("result", "from_history")
                .description("Messages first stored from a coexistence business's shared chat history: past, not new activity")
                .register(registry);
        messagesDuplicate = Counter.builder("whatsapp.worker.messages").tag("result", "duplicate").register(registry);
        statuses = Counter.builder("whatsapp.worker.statuses").description("Status reports written").register(registry);
        calls = Counter.builder("whatsapp.worker.calls").description("Call reports written (connect, terminate, call statuses)")
                .register(registry);
        events = Counter.builder("whatsapp.worker.events").description("New non-message events").register(registry);
        batchFailures = Counter.builder("whatsapp.worker.batch.failures")
                .description("Batches that failed and are retried until stored (database or broker trouble)").register(registry);
        batchRetries = Counter.builder("whatsapp.worker.batch.retries")
                .description("Failed attempts at batches, each followed by a pause and another attempt").register(registry);
        itemsUnreadable = Counter.builder("whatsapp.worker.items.unreadable")
                .description("Items kept as unreadable events: values no real webhook has, or that the database refused")
                .register(registry);
        isolations = Counter.builder("whatsapp.worker.batch.isolations")
                .description("Writes the database refused for good, split to find the records and items it refuses")
                .register(registry);
        batchLatency = Timer.builder("whatsapp.worker.batch").description("Time to decode, store and commit a batch")
                .publishPercentileHistogram().register(registry);
    }

    private static Counter records(MeterRegistry registry, String outcome) {
        return Counter.builder("whatsapp.worker.records").description("Raw webhook records consumed, by outcome")
                .tag("outcome", outcome).register(registry);
    }

    void batchDone(List<DecodedRecord> batch, IsolatingWriter.Stored stored, long startNanos) {
        int poison = stored.poison().size();
        BatchWritten written = stored.written();
        long unreadable = batch.stream().flatMap(r -> r.events().stream())
                .filter(e -> EventReceived.UNREADABLE.equals(e.item().kind())).count() + stored.refusedItems();
        itemsUnreadable.increment(unreadable);
        isolations.increment(stored.isolations());
        recordsStored.increment(batch.size() - poison);
        recordsDeadLettered.increment(poison);
        messagesNew.increment(written.newMessages() - written.newFromHistory());
        messagesFromHistory.increment(written.newFromHistory());
        messagesDuplicate.increment(written.duplicateMessages());
        statuses.increment(written.statuses());
        calls.increment(written.callReports());
        events.increment(written.newEvents());
        batchLatency.record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        records.add(batch.size());
        newMessages.add(written.newMessages());
        duplicates.add(written.duplicateMessages());
        statusRows.add(written.statuses());
        callReports.add(written.callReports());
        newEvents.add(written.newEvents());
        deadLettered.add(poison);
    }

    void batchFailed(int attempt) {
        batchRetries.increment();
        failures.increment();
        if (attempt == 1) {
            batchFailures.increment();
        }
    }
}
