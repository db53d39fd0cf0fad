package io.wapipeline.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.wapipeline.worker.Webhooks;
import io.wapipeline.worker.WorkerIntegrationTest;

class LargeBatchTest extends WorkerIntegrationTest {

    @Test
    void aPostBatchingAThousandUpdatesIsStoredWhole() {
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (int entry = 0; entry < 2; entry++) {
            List<String> changes = new ArrayList<>();
            for (int change = 0; change < 5; change++) {
                List<String> messages = new ArrayList<>();
                List<String> statuses = new ArrayList<>();
                for (int i = 0; i < 60; i++, n++) {
                    messages.add(Webhooks.textItem("wamid.BULK-M" + n, "55119100" + String.format("%05d", n % 250), "bulk " + n, 1749416000L + n));
                }
                for (int i = 0; i < 40; i++, n++) {
                    statuses.add(Webhooks.statusItem("wamid.BULK-S" + n, "delivered", "5511920000000", 1749416000L + n));
                }
                changes.add(Webhooks.change(messages, statuses));
            }
            entries.add(Webhooks.entry("WABA-BULK-" + entry, changes));
        }

        publish(Webhooks.envelope(entries));

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_message WHERE message_id LIKE 'wamid.BULK-M%'") == 600);
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_message_status WHERE message_id LIKE 'wamid.BULK-S%'") == 400);
        assertThat(count("SELECT sum(message_count) FROM whatsapp_conversation WHERE contact_id LIKE '55119100%'")).isEqualTo(600);
        assertThat(count("SELECT count(*) FROM whatsapp_conversation WHERE contact_id LIKE '55119100%'")).isEqualTo(250);
        assertThat(count("SELECT count(DISTINCT waba_id) FROM whatsapp_message WHERE message_id LIKE 'wamid.BULK-M%'")).isEqualTo(2);
    }
}
