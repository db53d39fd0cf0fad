package io.wapipeline.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import io.wapipeline.model.WebhookTopics;
import io.wapipeline.testsupport.TestKafka;
import io.wapipeline.testsupport.TopicRecords;
import io.wapipeline.worker.Webhooks;
import io.wapipeline.worker.WorkerIntegrationTest;

class DeadLetterTest extends WorkerIntegrationTest {

    @Test
    void recordsThatCanNeverBeProcessedGoToTheDeadLetterTopicAndTheirNeighboursAreStored() {
        await().atMost(WAIT).until(() -> TestKafka.bootstrapServers() != null && deadLetterTopicExists());
        Map<TopicPartition, Long> before = TopicRecords.endOffsets(TestKafka.bootstrapServers(), WebhookTopics.DEAD_LETTER);

        publish(Webhooks.text("wamid.DLT-BEFORE", "5511900000881", "before", 1749416383L));
        RecordMetadata notJson = publish("this is {not json");
        RecordMetadata notWhatsApp = publish("{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"messaging\":[]}]}");
        publish(Webhooks.text("wamid.DLT-AFTER", "5511900000882", "after", 1749416384L));

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_message WHERE message_id IN ('wamid.DLT-BEFORE', 'wamid.DLT-AFTER')") == 2);
        await().atMost(WAIT).untilAsserted(() -> {
            List<ConsumerRecord<String, byte[]>> letters = TopicRecords.since(TestKafka.bootstrapServers(), before);
            assertThat(letters).anySatisfy(letter -> assertDeadLetter(letter, notJson, "this is {not json", "not JSON"));
            assertThat(letters).anySatisfy(letter -> assertDeadLetter(letter, notWhatsApp,
                    "{\"object\":\"page\",\"entry\":[{\"id\":\"1\",\"messaging\":[]}]}", "not a WhatsApp webhook: object is 'page'"));
        });
    }

    private static void assertDeadLetter(ConsumerRecord<String, byte[]> letter, RecordMetadata origin, String value, String reason) {
        assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo(value);
        assertThat(header(letter, "kafka_dlt-original-topic")).isEqualTo(WebhookTopics.RAW);
        assertThat(java.nio.ByteBuffer.wrap(letter.headers().lastHeader("kafka_dlt-original-offset").value()).getLong()).isEqualTo(origin.offset());
        assertThat(java.nio.ByteBuffer.wrap(letter.headers().lastHeader("kafka_dlt-original-partition").value()).getInt()).isEqualTo(origin.partition());
        assertThat(header(letter, "whatsapp-dlt-reason")).startsWith(reason);
        assertThat(header(letter, "whatsapp-request-id")).isNotBlank();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header %s", name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static boolean deadLetterTopicExists() {
        try {
            return !TopicRecords.endOffsets(TestKafka.bootstrapServers(), WebhookTopics.DEAD_LETTER).isEmpty();
        }
        catch (RuntimeException notYet) {
            return false;
        }
    }
}
