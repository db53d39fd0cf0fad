package io.wapipeline.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.wapipeline.model.WebhookHeaders;
import io.wapipeline.testsupport.TestSignatures;
import io.wapipeline.model.WebhookTopics;
import io.wapipeline.testsupport.TestKafka;
import io.wapipeline.worker.CallWebhooks;
import io.wapipeline.worker.Webhooks;
import io.wapipeline.worker.WorkerIntegrationTest;

/** Copies on {@code whatsapp.webhooks.reprocess} rewrite what is stored, as the operator's replay expects. */
class ReprocessTest extends WorkerIntegrationTest {

    private static final String CONTACT = "5511900000777";

    @Test
    void reprocessedCopyRewritesCorruptedRowsAndKeepsTheirOrigin() {
        String body = Webhooks.envelope(List.of(Webhooks.entry("WABA-REPROCESS", List.of(Webhooks.change(
                List.of(Webhooks.textItem("wamid.REPROCESS-1", CONTACT, "the real text", 1749416383L)),
                List.of(Webhooks.statusItem("wamid.REPROCESS-OUT", "delivered", CONTACT, 1749416384L)))))));
        RecordMetadata raw = publish(body);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_message_status WHERE message_id = 'wamid.REPROCESS-OUT'") == 1);
        jdbc.sql("UPDATE whatsapp_message SET text_body = 'corrupted', message_type = 'broken', source_offset = -1 WHERE message_id = 'wamid.REPROCESS-1'").update();
        jdbc.sql("UPDATE whatsapp_message_status SET recipient_id = 'corrupted' WHERE message_id = 'wamid.REPROCESS-OUT'").update();

        sendCopy(body, raw);

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_message WHERE text_body = 'the real text'") == 1);
        Map<String, Object> message = row("SELECT * FROM whatsapp_message WHERE message_id = 'wamid.REPROCESS-1'");
        assertThat(message).containsEntry("message_type", "text").containsEntry("source_topic", WebhookTopics.RAW)
                .containsEntry("source_partition", raw.partition()).containsEntry("source_offset", raw.offset());
        assertThat(row("SELECT recipient_id FROM whatsapp_message_status WHERE message_id = 'wamid.REPROCESS-OUT'"))
                .containsEntry("recipient_id", CONTACT);
        assertThat(row("SELECT message_count FROM whatsapp_conversation WHERE contact_id = ?", CONTACT))
                .containsEntry("message_count", 1L);
    }

    @Test
    void reprocessedCopyOfAnUnstoredMessageAddsItAndCountsIt() {
        String body = Webhooks.text("wamid.REPROCESS-NEW", "5511900000778", "never stored before", 1749416390L);

        sendCopy(body, null);

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_message WHERE message_id = 'wamid.REPROCESS-NEW'") == 1);
        assertThat(row("SELECT message_count, last_message_preview FROM whatsapp_conversation WHERE contact_id = '5511900000778'"))
                .containsEntry("message_count", 1L).containsEntry("last_message_preview", "never stored before");
    }

    @Test
    void reprocessedCopyRewritesACallsReportsAndFillsWhatItsRowLacks() {
        String call = "wacid.REPROCESS-" + java.util.UUID.randomUUID();
        String contact = "5511900000779";
        String body = CallWebhooks.calls("PN-REPROCESS-CALLS", contact, "BR.REPROCESS", List.of(
                CallWebhooks.connect(call, contact, "USER_INITIATED", 1749416400L)), List.of());
        RecordMetadata raw = publish(body);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_call WHERE call_id = ?", call) == 1);
        jdbc.sql("UPDATE whatsapp_call_event SET source_offset = -1 WHERE call_id = ?").param(call).update();
        jdbc.sql("UPDATE whatsapp_call SET direction = NULL, customer_wa_id = NULL, contact_id = NULL WHERE call_id = ?")
                .param(call).update();

        sendCopy(body, raw);

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_call WHERE call_id = ? AND direction IS NOT NULL", call) == 1);
        assertThat(row("SELECT source_partition, source_offset FROM whatsapp_call_event WHERE call_id = ?", call))
                .containsEntry("source_partition", raw.partition()).containsEntry("source_offset", raw.offset());
        assertThat(row("SELECT direction, customer_wa_id, contact_id FROM whatsapp_call WHERE call_id = ?", call))
                .containsEntry("direction", "USER_INITIATED").containsEntry("customer_wa_id", contact)
                .containsEntry("contact_id", contact);
    }

    private static void sendCopy(String body, RecordMetadata origin) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(WebhookHeaders.SIGNATURE, TestSignatures.sign(body.getBytes(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        if (origin != null) {
            headers.add(WebhookHeaders.ORIGIN_TOPIC, origin.topic().getBytes(StandardCharsets.UTF_8));
            headers.add(WebhookHeaders.ORIGIN_PARTITION, Integer.toString(origin.partition()).getBytes(StandardCharsets.UTF_8));
            headers.add(WebhookHeaders.ORIGIN_OFFSET, Long.toString(origin.offset()).getBytes(StandardCharsets.UTF_8));
        }
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(WebhookTopics.REPROCESS, null, (String) null, body.getBytes(StandardCharsets.UTF_8), headers)).get();
        }
        catch (Exception e) {
            throw new IllegalStateException("could not send the reprocess copy", e);
        }
    }
}
