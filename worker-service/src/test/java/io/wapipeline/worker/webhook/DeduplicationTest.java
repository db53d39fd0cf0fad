package io.wapipeline.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.wapipeline.worker.WorkerIntegrationTest;

class DeduplicationTest extends WorkerIntegrationTest {

    private static String text(String messageId, String contact, String body, long timestamp) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"WABA-DEDUPE","changes":[{"field":"messages","value":{
                 "messaging_product":"whatsapp","metadata":{"display_phone_number":"15550001111","phone_number_id":"PN-DEDUPE"},
                 "contacts":[{"profile":{"name":"Dee"},"wa_id":"%2$s"}],
                 "messages":[{"from":"%2$s","id":"%1$s","timestamp":"%4$d","type":"text","text":{"body":"%3$s"}}]}}]}]}"""
                .formatted(messageId, contact, body, timestamp);
    }

    @Test
    void samePayloadDeliveredThreeTimesIsStoredOnce() {
        String payload = text("wamid.DEDUPE-1", "5511900000101", "only once", 1749416383L);
        String marker = text("wamid.DEDUPE-MARKER", "5511900000101", "after", 1749416390L);

        publish(payload);
        publish(payload);
        publish(payload);
        publish(marker);

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_message WHERE message_id = ?", "wamid.DEDUPE-MARKER") == 1);
        assertThat(count("SELECT count(*) FROM whatsapp_message WHERE message_id = ?", "wamid.DEDUPE-1")).isEqualTo(1);
        Map<String, Object> conversation = row("SELECT * FROM whatsapp_conversation WHERE contact_id = ?", "5511900000101");
        assertThat(conversation).containsEntry("message_count", 2L)
                .containsEntry("phone_number_id", "PN-DEDUPE")
                .containsEntry("contact_name", "Dee")
                .containsEntry("last_message_id", "wamid.DEDUPE-MARKER")
                .containsEntry("last_message_preview", "after");
    }
}
