package io.wapipeline.worker.config;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.ExponentialBackOff;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wapipeline.model.WebhookTopics;
import io.wapipeline.model.settings.Setting;
import io.wapipeline.service.health.KafkaHealthIndicator;
import io.wapipeline.service.settings.RequiredSettings;

/** What the worker cannot start without, the topics it reads and writes, and how a failed batch is retried. */
@Configuration(proxyBeanMethods = false)
class WorkerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(WorkerConfiguration.class);

    @Bean
    static RequiredSettings requiredSettings() {
        return new RequiredSettings(List.of(Setting.DATABASE_URL, Setting.API_TOKENS, Setting.ACCESS_TOKEN));
    }

    @Bean("kafka")
    KafkaHealthIndicator kafkaHealth(KafkaAdmin kafkaAdmin) {
        return new KafkaHealthIndicator(kafkaAdmin);
    }

    @Bean
    NewTopic rawWebhookTopic(WorkerProperties properties) {
        return WebhookTopics.declare(WebhookTopics.RAW, properties.topicPartitions(), properties.topicReplicas());
    }

    @Bean
    NewTopic deadLetterTopic(WorkerProperties properties) {
        return WebhookTopics.declare(WebhookTopics.DEAD_LETTER, properties.topicPartitions(), properties.topicReplicas());
    }

    @Bean
    NewTopic reprocessTopic(WorkerProperties properties) {
        return WebhookTopics.declare(WebhookTopics.REPROCESS, properties.topicPartitions(), properties.topicReplicas());
    }

    /**
     * A batch that fails (database or broker unavailable, a deadlock) is retried, whole, with exponential backoff and
     * without end: the consumer is paused meanwhile and its offsets stay uncommitted, so nothing is skipped or
     * dead-lettered because a dependency was down. Records that can never be processed do not reach here: the
     * listener dead-letters them itself.
     */
    @Bean
    DefaultErrorHandler retryFailedBatches(WorkerProperties properties, MeterRegistry registry) {
        ExponentialBackOff backOff = new ExponentialBackOff(properties.retryInitial().toMillis(), 2.0);
        backOff.setMaxInterval(properties.retryMax().toMillis());
        DefaultErrorHandler handler = new DefaultErrorHandler((record, failure) -> {
            throw new IllegalStateException("retries of a failed batch never end; refusing to skip " + record.topic()
                    + "-" + record.partition() + "@" + record.offset(), failure);
        }, backOff);
        handler.setClassifications(Map.of(), true);
        handler.setRetryListeners(new LoggingRetryListener(Counter.builder("whatsapp.worker.batch.retries")
                .description("Attempts at failed batches").register(registry)));
        return handler;
    }

    /** One WARN line per failed attempt at a batch, with the cause. */
    private record LoggingRetryListener(Counter retries) implements RetryListener {

        @Override
        public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int attempt) {
            retries.increment();
            log.warn("Record {}-{}@{} failed (attempt {}), retrying: {}", record.topic(), record.partition(),
                    record.offset(), attempt, rootCause(failure));
        }

        @Override
        public void failedDelivery(ConsumerRecords<?, ?> records, Exception failure, int attempt) {
            retries.increment();
            log.warn("Batch of {} records failed (attempt {}), pausing and retrying: {}", records.count(), attempt,
                    rootCause(failure));
        }

        private static String rootCause(Throwable failure) {
            Throwable cause = failure;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            return cause.toString();
        }
    }
}
