package io.wapipeline.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;

import io.wapipeline.model.WebhookTopics;
import io.wapipeline.worker.Webhooks;
import io.wapipeline.worker.WorkerIntegrationTest;

/**
 * A worker that dies without a clean stop (kill -9, a lost node) leaves its partitions to the group's session
 * timeout. Here a second member of the worker's group, with the worker's own consumer settings, takes partitions
 * and then vanishes without leaving the group; the running worker takes them over (after the session timeout) and
 * stores new webhooks for every partition. How soon is the fault suite's figure (bench/run faults).
 */
class ConsumerTakeoverTest extends WorkerIntegrationTest {

    private static final Logger log = LoggerFactory.getLogger(ConsumerTakeoverTest.class);

    private static final int CONTACTS = 48;

    @Autowired
    private ConsumerFactory<?, ?> consumers;

    @Autowired
    private KafkaListenerEndpointRegistry registry;

    @Test
    void partitionsOfAWorkerThatDiedWithoutLeavingAreTakenOverByTheRunningWorker() {
        Map<String, Object> settings = new HashMap<>(consumers.getConfigurationProperties());
        settings.put(ConsumerConfig.GROUP_ID_CONFIG, groupId());
        KafkaConsumer<String, byte[]> doomed = new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer());
        doomed.subscribe(List.of(WebhookTopics.RAW));
        await().atMost(WAIT).until(() -> {
            doomed.poll(Duration.ofMillis(200));
            return !doomed.assignment().isEmpty();
        });
        int taken = doomed.assignment().size();

        doomed.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP));
        long vanished = System.nanoTime();
        for (int n = 0; n < CONTACTS; n++) {
            publish(Webhooks.text("wamid.TAKEOVER-" + n, "55119400" + String.format("%04d", n), "n" + n, 1749416000L + n));
        }

        // How soon is the fault suite's figure (bench/run faults); here, that the running worker takes them over.
        await().atMost(WAIT)
                .until(() -> count("SELECT count(*) FROM whatsapp_message WHERE message_id LIKE 'wamid.TAKEOVER-%'") == CONTACTS);
        log.info("A dead member's {} partitions were consumed again {} ms after it vanished", taken,
                Duration.ofNanos(System.nanoTime() - vanished).toMillis());
        assertThat(taken).isPositive();
    }

    /** The group the running worker's listener joined (the test context draws a new name whenever it is resolved). */
    private String groupId() {
        return registry.getListenerContainer(RawWebhookListener.LISTENER_ID).getGroupId();
    }
}
