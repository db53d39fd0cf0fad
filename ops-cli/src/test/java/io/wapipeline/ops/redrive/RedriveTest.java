package io.wapipeline.ops.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.wapipeline.model.WebhookTopics;
import io.wapipeline.ops.StackRecords;
import io.wapipeline.ops.TestStack;
import io.wapipeline.ops.TestStack.Run;

/**
 * A dead letter "whose cause was fixed": a good webhook an older worker had refused, published to the DLT with the
 * headers the worker's dead-lettering writes. The current worker can store it once it is redriven.
 */
class RedriveTest {

    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final String REASON = "not a WhatsApp payload: unknown object (parser before the fix)";

    @Test
    void dryRunListsTheDeadLetterAndChangesNothingThenRedriveStoresIt() {
        TestStack.get();
        var letter = StackRecords.publish(WebhookTopics.DEAD_LETTER, 3, "5511900003000",
                StackRecords.text("wamid.REDRIVE-1", "5511900003000", "refused by the old parser"), Map.of(
                        "whatsapp-dlt-reason", REASON.getBytes(StandardCharsets.UTF_8),
                        "kafka_dlt-original-topic", WebhookTopics.RAW.getBytes(StandardCharsets.UTF_8),
                        "kafka_dlt-original-partition", ByteBuffer.allocate(4).putInt(5).array(),
                        "kafka_dlt-original-offset", ByteBuffer.allocate(8).putLong(4242L).array()));

        Run dryRun = TestStack.wa("redrive", "--dry-run", "--reason", "parser before the fix");

        assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
        assertThat(dryRun.out()).isEqualTo("would redrive whatsapp.webhooks.raw-dlt-3@" + letter.offset()
                + " (from whatsapp.webhooks.raw-5@4242): " + REASON + System.lineSeparator());
        assertThat(dryRun.err()).contains("1 selected, none sent (--dry-run)");
        assertThat(StackRecords.value("SELECT message_id FROM whatsapp_message WHERE message_id = 'wamid.REDRIVE-1'")).isEmpty();

        Run redrive = TestStack.wa("redrive", "--reason", "parser before the fix");

        assertThat(redrive.exitCode()).as(redrive.err()).isZero();
        assertThat(redrive.out()).startsWith("redriving whatsapp.webhooks.raw-dlt-3@" + letter.offset());
        await().atMost(WAIT).until(() -> StackRecords.value(
                "SELECT text_body FROM whatsapp_message WHERE message_id = 'wamid.REDRIVE-1'").isPresent());
        assertThat(StackRecords.value("SELECT source_topic || ' ' || source_partition || ' ' || source_offset "
                + "FROM whatsapp_message WHERE message_id = 'wamid.REDRIVE-1'")).contains("whatsapp.webhooks.raw 5 4242");
    }

    @Test
    void aRealPoisonRecordIsDeadLetteredAndListedWithItsReason() {
        TestStack.get();
        var raw = StackRecords.publish(WebhookTopics.RAW, 2, null, "this is not json", Map.of());

        await().atMost(WAIT).untilAsserted(() -> assertThat(TestStack.wa("redrive", "--dry-run", "--reason", "not JSON").out())
                .contains("(from whatsapp.webhooks.raw-2@" + raw.offset() + "): not JSON"));
    }
}
