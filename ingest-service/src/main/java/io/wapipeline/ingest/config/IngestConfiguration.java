package io.wapipeline.ingest.config;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.support.ProducerListener;

import io.wapipeline.model.WebhookTopics;
import io.wapipeline.model.settings.Setting;
import io.wapipeline.service.health.KafkaHealthIndicator;
import io.wapipeline.service.instance.InstanceInfoContributor;
import io.wapipeline.service.settings.RequiredSettings;

/** The settings the ingest cannot start without, the raw topic, and the producer limits that follow from settings. */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    @Bean
    static RequiredSettings requiredSettings() {
        return new RequiredSettings(List.of(Setting.VERIFY_TOKEN, Setting.APP_SECRET));
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
    NewTopic rawWebhookTopic(IngestProperties properties) {
        return WebhookTopics.declare(WebhookTopics.RAW, properties.topicPartitions(), properties.topicReplicas());
    }

    /**
     * A send never blocks the container thread that makes it: with no metadata for the topic (Kafka unreachable, the
     * client rebootstrapping) or a full buffer it fails at once, and the webhook is answered 503, instead of every
     * thread waiting in {@code waitOnMetadata} during an outage. The topic's metadata is fetched before the port opens
     * ({@code ProducerWarmUp}) and kept however long no webhook comes, so a quiet hour does not cost the next one a 503.
     * A record as large as the body limit must fit in one request.
     */
    @Bean
    DefaultKafkaProducerFactoryCustomizer producerLimits() {
        return factory -> factory.updateConfigs(Map.of(
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 0,
                ProducerConfig.METADATA_MAX_IDLE_CONFIG, java.time.Duration.ofDays(7).toMillis(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, WebhookTopics.MAX_RECORD_BYTES));
    }

    /**
     * No log line per failed send: the servlet answers each one 503 and counts it, and logs the outage itself at a
     * bounded rate. Boot's default listener would log every failed record at ERROR with a stack trace.
     */
    @Bean
    ProducerListener<Object, Object> kafkaProducerListener() {
        return new ProducerListener<>() {
        };
    }
}
