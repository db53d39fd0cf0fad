package io.wapipeline.worker.webhook;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.stereotype.Component;

/** Counts every failed attempt at a batch, and reports it to the partitions' progress (which logs it, throttled). */
@Component
class FailedBatchRetries implements RetryListener {

    private final PartitionProgress progress;
    private final WorkerMetrics metrics;

    FailedBatchRetries(PartitionProgress progress, WorkerMetrics metrics) {
        this.progress = progress;
        this.metrics = metrics;
    }

    @Override
    public void failedDelivery(ConsumerRecords<?, ?> records, Exception failure, int attempt) {
        metrics.batchFailed(attempt);
        progress.failed(records.partitions(), records.count(), failure, attempt);
    }

    @Override
    public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int attempt) {
        metrics.batchFailed(attempt);
        progress.failed(List.of(new org.apache.kafka.common.TopicPartition(record.topic(), record.partition())), 1, failure, attempt);
    }
}
