package io.wapipeline.model;

import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Kafka topics of the pipeline, and the defaults every part must agree on: partitions, the workers' consumer group,
 * the size limit. The services' properties, {@code wa-ops}, the local stack and the bench all take them from here.
 */
public final class WebhookTopics {

    /** Every signed webhook, its value the request body byte for byte. */
    public static final String RAW = "whatsapp.webhooks.raw";

    /** Records of {@link #RAW} that can never be processed, with the reason in headers. */
    public static final String DEAD_LETTER = "whatsapp.webhooks.raw-dlt";

    /**
     * Copies of raw records an operator sends through the worker again ({@code wa-ops replay --reprocess}): stored
     * rows are overwritten with what the current parser makes of them, instead of being skipped as duplicates.
     */
    public static final String REPROCESS = "whatsapp.webhooks.reprocess";

    /**
     * Largest record a topic accepts (5 MiB): above Meta's 3 MB payloads and the ingest's 4 MiB default body
     * limit, so a body the ingest accepts is never refused by the broker. Producers set
     * {@code max.request.size} to the same value.
     */
    public static final int MAX_RECORD_BYTES = 5 * 1024 * 1024;

    /**
     * Partitions the services declare each topic with unless told otherwise (more than the workers one expects to run:
     * a partition is the unit of parallelism, and they can be added later but not removed).
     */
    public static final int DEFAULT_PARTITIONS = 12;

    /** The workers' consumer group of {@link #RAW} unless {@code whatsapp.worker.group-id} says otherwise. */
    public static final String DEFAULT_WORKER_GROUP = "whatsapp-worker";

    /** The group of {@link #REPROCESS} is the workers' own with this after it. */
    public static final String REPROCESS_GROUP_SUFFIX = "-reprocess";

    private WebhookTopics() {
    }

    /** The declaration of a pipeline topic with its partitions, replicas and size limit. */
    public static NewTopic declare(String name, int partitions, short replicas) {
        return new NewTopic(name, partitions, replicas).configs(Map.of(
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_RECORD_BYTES),
                TopicConfig.COMPRESSION_TYPE_CONFIG, "producer"));
    }
}
