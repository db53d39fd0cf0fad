package io.wapipeline.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

import io.wapipeline.model.WebhookTopics;
import io.wapipeline.testsupport.TestKafka;
import io.wapipeline.testsupport.TopicRecords;
import io.wapipeline.worker.Webhooks;
import io.wapipeline.worker.WorkerIntegrationTest;

/**
 * Signed webhooks that cannot be stored as they are: each is kept apart (an unreadable event with its reason, or a
 * dead letter), and nothing behind it in its partition waits.
 */
class PoisonIsolationTest extends WorkerIntegrationTest {

    private static final Duration SECONDS = Duration.ofSeconds(20);

    /** A test-only permanent failure: PostgreSQL refuses messages whose id starts with wamid.REFUSED-. */
    private static final String REFUSE_TRIGGER = """
            CREATE OR REPLACE FUNCTION test_refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF NEW.message_id LIKE 'wamid.REFUSED-%' THEN
                RAISE EXCEPTION 'test poison: % refused', NEW.message_id USING ERRCODE = '22023';
              END IF;
              RETURN NEW;
            END $$;
            DROP TRIGGER IF EXISTS test_refuse_poison ON whatsapp_message;
            CREATE TRIGGER test_refuse_poison BEFORE INSERT ON whatsapp_message
              FOR EACH ROW EXECUTE FUNCTION test_refuse_poison();
            """;

    @Autowired
    private KafkaListenerEndpointRegistry listeners;


    @BeforeEach
    void refuseTestPoison() {
        jdbc.sql(REFUSE_TRIGGER).update();
    }

    @AfterEach
    void acceptEverythingAgain() {
        jdbc.sql("DROP TRIGGER IF EXISTS test_refuse_poison ON whatsapp_message").update();
    }

    @Test
    void poisonInOnePartitionIsKeptApartAndTheWebhooksBehindItAreStoredWithinSeconds() {
        String contact = "5511977700001";
        RecordMetadata year10000 = publish(Webhooks.text("wamid.POISON-Y10K", contact, "from the future", 253402300800L));
        RecordMetadata longId = publish(Webhooks.text("wamid." + "L".repeat(3_000), contact, "long id", 1749416383L));
        RecordMetadata longStatusId = publish(Webhooks.statuses(List.of(Webhooks.statusItem("wamid." + "S".repeat(3_000), "read", contact, 1749416383L))));
        RecordMetadata huge = publish(Webhooks.text("wamid.POISON-1E300", contact, "x", 0).replace("\"timestamp\":\"0\"", "\"timestamp\":1e300"));
        RecordMetadata nested = publish(Webhooks.envelope(List.of(Webhooks.entry("WABA-TEST", List.of(Webhooks.change(List.of(
                nestedItem("wamid.POISON-NEST600", contact, 600), nestedItem("wamid.POISON-NEST2000", contact, 2_000)), List.of()))))));
        publish(Webhooks.text("wamid.AFTER-POISON-A", contact, "same contact, after the poison", 1749416390L));
        publish(Webhooks.text("wamid.AFTER-POISON-B", "5511977700002", "another contact", 1749416391L));

        await().atMost(SECONDS).until(() -> count("SELECT count(*) FROM whatsapp_message WHERE message_id IN "
                + "('wamid.AFTER-POISON-A', 'wamid.AFTER-POISON-B', 'wamid.POISON-NEST600')") == 3);
        await().atMost(SECONDS).untilAsserted(() -> {
            assertThat(unreadableReason(year10000)).isEqualTo("timestamp 253402300800 is not a time between 1970 and 9999 in Unix seconds");
            assertThat(unreadableReason(longId)).isEqualTo("message id is 3006 bytes long; at most 512 can be stored");
            assertThat(unreadableReason(longStatusId)).isEqualTo("message id is 3006 bytes long; at most 512 can be stored");
            assertThat(unreadableReason(huge)).isEqualTo("timestamp 1.0E300 is not a time between 1970 and 9999 in Unix seconds");
            assertThat(unreadableReason(nested)).startsWith("nested deeper than 1000 levels");
        });
        assertThat(row("SELECT payload->>'id' AS id, source_topic FROM whatsapp_event WHERE source_partition = ? AND source_offset = ?",
                year10000.partition(), year10000.offset())).containsEntry("id", "wamid.POISON-Y10K").containsEntry("source_topic", WebhookTopics.RAW);
        assertThat(count("SELECT message_count FROM whatsapp_conversation WHERE contact_id = ?", contact)).isEqualTo(2);
    }

    @Test
    void oneUnstorableMessageAmongTenCostsTheOtherNineNothing() {
        List<String> items = new ArrayList<>();
        for (int n = 0; n < 10; n++) {
            String id = n == 3 ? "wamid.REFUSED-TEN-3" : "wamid.TEN-" + n;
            items.add(Webhooks.textItem(id, "5511977700010", "message " + n, 1749416400L + n));
        }
        RecordMetadata record = publish(Webhooks.envelope(List.of(Webhooks.entry("WABA-TEST", List.of(Webhooks.change(items, List.of()))))));

        await().atMost(SECONDS).until(() -> count("SELECT count(*) FROM whatsapp_message WHERE message_id LIKE 'wamid.TEN-%'") == 9);
        await().atMost(SECONDS).untilAsserted(() -> assertThat(unreadableReason(record))
                .startsWith("the database refused the item: SQLSTATE 22023: ERROR: test poison: wamid.REFUSED-TEN-3 refused"));
        assertThat(count("SELECT count(*) FROM whatsapp_message WHERE message_id = 'wamid.REFUSED-TEN-3'")).isZero();
        assertThat(count("SELECT message_count FROM whatsapp_conversation WHERE contact_id = '5511977700010'")).isEqualTo(9);
    }

    @Test
    void aBatchOf500WithThreeRefusedRecordsStores497DeadLettersThreeAndCommitsItsOffsets() {
        String contact = "5511977700500";
        Map<TopicPartition, Long> lettersBefore = TopicRecords.endOffsets(TestKafka.bootstrapServers(), WebhookTopics.DEAD_LETTER);
        List<RecordMetadata> refused = new ArrayList<>();
        RecordMetadata last = null;
        listeners.getListenerContainer(RawWebhookListener.LISTENER_ID).stop();
        try {
            for (int n = 0; n < 500; n++) {
                boolean poison = n == 100 || n == 250 || n == 400;
                last = publish(Webhooks.text((poison ? "wamid.REFUSED-BATCH-" : "wamid.BATCH-") + n, contact, "n" + n, 1749417000L + n));
                if (poison) {
                    refused.add(last);
                }
            }
        }
        finally {
            listeners.getListenerContainer(RawWebhookListener.LISTENER_ID).start();
        }
        TopicPartition partition = new TopicPartition(WebhookTopics.RAW, last.partition());
        long end = last.offset() + 1;

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_message WHERE message_id LIKE 'wamid.BATCH-%'") == 497);
        await().atMost(WAIT).until(() -> committedOffset(partition) >= end);
        List<ConsumerRecord<String, byte[]>> letters = TopicRecords.since(TestKafka.bootstrapServers(), lettersBefore).stream()
                .filter(letter -> new String(letter.value(), StandardCharsets.UTF_8).contains("wamid.REFUSED-BATCH-")).toList();
        assertThat(letters).extracting(letter -> originalOffset(letter)).containsExactlyInAnyOrderElementsOf(
                refused.stream().map(RecordMetadata::offset).toList());
        assertThat(letters).allSatisfy(letter -> assertThat(header(letter, "whatsapp-dlt-reason"))
                .startsWith("the database refused every item of the record: SQLSTATE 22023: ERROR: test poison"));
        assertThat(count("SELECT message_count FROM whatsapp_conversation WHERE contact_id = ?", contact)).isEqualTo(497);
        assertThat(count("SELECT count(*) FROM whatsapp_event WHERE kind = 'unreadable' AND payload->>'id' LIKE 'wamid.REFUSED-BATCH-%'")).isZero();
    }

    private String unreadableReason(RecordMetadata record) {
        List<String> reasons = jdbc.sql("SELECT reason FROM whatsapp_event WHERE kind = 'unreadable' AND source_partition = ? AND source_offset = ?")
                .param(record.partition()).param(record.offset()).query(String.class).list();
        assertThat(reasons).as("unreadable events of %s", record).hasSize(1);
        return reasons.get(0);
    }

    private long committedOffset(TopicPartition partition) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(groupId()).partitionsToOffsetAndMetadata()
                    .get().get(partition);
            return committed == null ? -1 : committed.offset();
        }
    }

    private static String nestedItem(String id, String from, int depth) {
        return "{\"from\":\"" + from + "\",\"id\":\"" + id + "\",\"timestamp\":\"1749416385\",\"type\":\"text\","
                + "\"text\":{\"body\":\"deep\"},\"extra\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
    }

    private static long originalOffset(ConsumerRecord<String, byte[]> letter) {
        return ByteBuffer.wrap(letter.headers().lastHeader("kafka_dlt-original-offset").value()).getLong();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** The group the running worker's listener joined (the test context draws a new name whenever it is resolved). */
    private String groupId() {
        return listeners.getListenerContainer(RawWebhookListener.LISTENER_ID).getGroupId();
    }
}
