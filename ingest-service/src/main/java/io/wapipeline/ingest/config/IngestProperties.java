package io.wapipeline.ingest.config;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import io.wapipeline.model.WebhookTopics;

/**
 * Everything the ingest is configured with. The secrets come from {@code WHATSAPP_WEBHOOK_VERIFY_TOKEN} and
 * {@code WHATSAPP_APP_SECRET} (see application.yml); {@link #toString()} never shows them.
 *
 * @param verifyToken     the token Meta's dashboard sends in the GET handshake
 * @param appSecrets      app secrets whose signatures are accepted (several during a rotation)
 * @param maxBodySize     larger POST bodies are refused with 413
 * @param bodyTimeout     the whole body must arrive within this, counted from the request's headers; a slower client
 *                        is answered 408 and its connection closed (a client sending a byte now and then cannot hold
 *                        the connection, nor any thread: bodies are read without blocking)
 * @param unauthenticatedBuffer the memory all bodies whose signature is not checked yet may take together (their
 *                        whole buffers); a body that would go over it is answered 503 with Retry-After at once. Bodies
 *                        over 64 KB share only three quarters of it, so held large bodies leave room for Meta's small ones
 * @param maxUnverifiedBodies how many bodies may be arriving at once before their signatures are checked; one more is
 *                        answered 503 with Retry-After at once
 * @param publishTimeout  how long a POST waits for Kafka's acknowledgement before answering 503: 3 s, over twice the
 *                        slowest cold-start acknowledgement measured on a saturated 2-core machine (1.29 s), and no
 *                        longer than the shortest timeout reported for Meta's deliveries (docs/operations.md)
 * @param topicPartitions partitions of the raw topic when the ingest creates it (the contract's default)
 * @param topicReplicas   replicas of the raw topic when the ingest creates it
 */
@ConfigurationProperties("whatsapp.ingest")
public record IngestProperties(
        String verifyToken,
        List<String> appSecrets,
        @DefaultValue("4MB") DataSize maxBodySize,
        @DefaultValue("10s") Duration bodyTimeout,
        @DefaultValue("64MB") DataSize unauthenticatedBuffer,
        @DefaultValue("2000") int maxUnverifiedBodies,
        @DefaultValue("3s") Duration publishTimeout,
        @DefaultValue("" + WebhookTopics.DEFAULT_PARTITIONS) int topicPartitions,
        @DefaultValue("1") short topicReplicas) {

    public IngestProperties {
        appSecrets = appSecrets == null ? List.of()
                : appSecrets.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (maxBodySize.toBytes() <= 0 || publishTimeout.isNegative() || publishTimeout.isZero() || bodyTimeout.isNegative()
                || bodyTimeout.isZero() || unauthenticatedBuffer.toBytes() / 4 * 3 < maxBodySize.toBytes() || maxUnverifiedBodies < 1) {
            throw new IllegalArgumentException("whatsapp.ingest.max-body-size, body-timeout, publish-timeout and"
                    + " max-unverified-bodies must be positive, and three quarters of unauthenticated-buffer at least max-body-size");
        }
    }

    @Override
    public String toString() {
        return "IngestProperties[verifyToken=****, appSecrets=" + appSecrets.size() + " secret(s), maxBodySize="
                + maxBodySize + ", bodyTimeout=" + bodyTimeout + ", unauthenticatedBuffer=" + unauthenticatedBuffer + ", maxUnverifiedBodies=" + maxUnverifiedBodies + ", publishTimeout=" + publishTimeout + ", topicPartitions=" + topicPartitions
                + ", topicReplicas=" + topicReplicas + "]";
    }
}
