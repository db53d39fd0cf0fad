package io.wapipeline.model;

import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/** Kafka topics of the pipeline and the size limits every part must agree on. */
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

    private WebhookTopics() {
    }

    /** The declaration of a pipeline topic with its partitions, replicas and size limit. */
    public static NewTopic declare(String name, int partitions, short replicas) {
        return new NewTopic(name, partitions, replicas).configs(Map.of(
                TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_RECORD_BYTES),
                TopicConfig.COMPRESSION_TYPE_CONFIG, "producer"));
    }
}
