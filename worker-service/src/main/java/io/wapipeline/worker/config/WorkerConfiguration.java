package io.wapipeline.worker.config;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.ExponentialBackOff;

import io.wapipeline.model.WebhookTopics;
import io.wapipeline.model.settings.Setting;
import io.wapipeline.service.health.KafkaHealthIndicator;
import io.wapipeline.service.instance.InstanceInfoContributor;
import io.wapipeline.service.settings.RequiredSettings;

/** What the worker cannot start without, the topics it reads and writes, and how a failed batch is retried. */
@Configuration(proxyBeanMethods = false)
class WorkerConfiguration {

    @Bean
    static RequiredSettings requiredSettings() {
        return new RequiredSettings(List.of(Setting.DATABASE_URL, Setting.API_TOKENS, Setting.ACCESS_TOKEN, Setting.APP_SECRET));
    }

    /**
     * The Kafka client's own lag and lead gauges are left out: each consumer reports only its assigned partitions, NaN
     * for the others, under two topic tag spellings. {@code whatsapp.worker.lag} and
     * {@code whatsapp.worker.partition.lag} (LagGauges) are the group's, read from the broker.
     */
    @Bean
    static io.micrometer.core.instrument.config.MeterFilter withoutKafkaClientLag() {
        return io.micrometer.core.instrument.config.MeterFilter.deny(id -> id.getName().startsWith("kafka.consumer.fetch.manager.records.lag")
                || id.getName().startsWith("kafka.consumer.fetch.manager.records.lead"));
    }

    @Bean("kafka")
    KafkaHealthIndicator kafkaHealth(KafkaAdmin kafkaAdmin) {
        return new KafkaHealthIndicator(kafkaAdmin);
    }

    @Bean
    InstanceInfoContributor instanceInfo(Environment environment) {
        return new InstanceInfoContributor(environment);
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
     * A batch that fails for a transient reason (database or broker unavailable, a deadlock) is retried, whole, with
     * a capped, jittered exponential backoff and without end: the consumer is paused meanwhile and its offsets stay
     * uncommitted, so nothing is skipped or dead-lettered because a dependency was down. What can never be stored does
     * not reach here: the listener isolates it and dead-letters it itself. Each attempt is reported to
     * {@code retries}, which logs it (throttled) with its cause; the stack trace is logged only at DEBUG.
     */
    @Bean
    DefaultErrorHandler retryFailedBatches(WorkerProperties properties, RetryListener retries) {
        ExponentialBackOff backOff = new ExponentialBackOff(properties.retryInitial().toMillis(), 2.0);
        backOff.setMaxInterval(properties.retryMax().toMillis());
        backOff.setJitter(properties.retryInitial().toMillis() / 2);
        DefaultErrorHandler handler = new DefaultErrorHandler((record, failure) -> {
            throw new IllegalStateException("retries of a failed batch never end; refusing to skip " + record.topic()
                    + "-" + record.partition() + "@" + record.offset(), failure);
        }, backOff);
        handler.setClassifications(Map.of(), true);
        handler.setLogLevel(KafkaException.Level.DEBUG);
        handler.setRetryListeners(retries);
        return handler;
    }

    /** Tells the partitions' progress when this worker stops consuming a partition, so a stall there is no longer its own. */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> releasePartitionsOnRevoke(
            ObjectProvider<ConsumerRebalanceListener> listeners) {
        return container -> listeners.ifAvailable(container.getContainerProperties()::setConsumerRebalanceListener);
    }

    /** A dead letter or a reprocess copy as large as the largest raw record must fit in one request. */
    @Bean
    DefaultKafkaProducerFactoryCustomizer producerRequestSize() {
        return factory -> factory.updateConfigs(Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, WebhookTopics.MAX_RECORD_BYTES));
    }
}
