package io.wapipeline.ops.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import io.wapipeline.model.WebhookTopics;
import io.wapipeline.ops.StackRecords;
import io.wapipeline.ops.TestStack;
import io.wapipeline.ops.TestStack.Run;

class ReplayTest {

    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final int PARTITION = 7;

    @Test
    void printShowsExactlyTheRecordsOfAnOffsetRange() {
        TestStack.get();
        RecordMetadata before = StackRecords.publish(WebhookTopics.RAW, PARTITION, "5511900001000",
                StackRecords.text("wamid.REPLAY-BEFORE", "5511900001000", "before the range"), Map.of());
        RecordMetadata first = StackRecords.publish(WebhookTopics.RAW, PARTITION, "5511900001001",
                StackRecords.text("wamid.REPLAY-1", "5511900001001", "first"), Map.of());
        RecordMetadata last = StackRecords.publish(WebhookTopics.RAW, PARTITION, "5511900001002",
                StackRecords.text("wamid.REPLAY-2", "5511900001002", "second"), Map.of());
        StackRecords.publish(WebhookTopics.RAW, PARTITION, "5511900001003",
                StackRecords.text("wamid.REPLAY-AFTER", "5511900001003", "after the range"), Map.of());

        Run run = TestStack.wa("replay", "--print", "--partition", Integer.toString(PARTITION),
                "--from-offset", Long.toString(first.offset()), "--to-offset", Long.toString(last.offset()));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(StackRecords.lines(run.out(), "=== ")).hasSize(2).satisfiesExactly(
                line -> assertThat(line).startsWith("=== whatsapp.webhooks.raw-7@" + first.offset() + " ").endsWith("key=5511900001001"),
                line -> assertThat(line).startsWith("=== whatsapp.webhooks.raw-7@" + last.offset() + " ").endsWith("key=5511900001002"));
        assertThat(run.out()).contains("  whatsapp-received-at: ", "  whatsapp-request-id: ", "\"body\" : \"first\"",
                "parser: 1 messages, 0 statuses, 0 events", "  message wamid.REPLAY-1 text from 5511900001001 at ",
                "  message wamid.REPLAY-2 text from 5511900001002 at ").doesNotContain("wamid.REPLAY-AFTER")
                .doesNotContain("wamid.REPLAY-BEFORE");
        assertThat(before.offset()).isLessThan(first.offset());
        assertThat(run.err()).contains("replay: 2 records read from whatsapp.webhooks.raw, 2 selected");
    }

    @Test
    void reprocessRewritesACorruptedRowAndLeavesTheLiveGroupAlone() {
        TestStack.get();
        RecordMetadata raw = StackRecords.publish(WebhookTopics.RAW, PARTITION, "5511900002000",
                StackRecords.text("wamid.REPLAY-FIX", "5511900002000", "stored right"), Map.of());
        await().atMost(WAIT).until(() -> StackRecords.value(
                "SELECT text_body FROM whatsapp_message WHERE message_id = 'wamid.REPLAY-FIX'").isPresent());
        StackRecords.update("UPDATE whatsapp_message SET text_body = 'corrupted', message_type = 'broken' "
                + "WHERE message_id = 'wamid.REPLAY-FIX'");
        await().atMost(WAIT).until(() -> StackRecords.committedOffsets(WebhookTopics.DEFAULT_WORKER_GROUP).values().stream()
                .mapToLong(o -> o.offset()).sum() > 0);
        var offsetsBefore = StackRecords.committedOffsets(WebhookTopics.DEFAULT_WORKER_GROUP);

        Run run = TestStack.wa("replay", "--reprocess", "--message-id", "wamid.REPLAY-FIX");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("1 selected, 1 sent to whatsapp.webhooks.reprocess for the worker to rewrite");
        assertThat(run.out()).isEmpty();
        await().atMost(WAIT).until(() -> StackRecords.value(
                "SELECT text_body FROM whatsapp_message WHERE message_id = 'wamid.REPLAY-FIX'").orElse(""), "stored right"::equals);
        assertThat(StackRecords.value("SELECT message_type || ' ' || source_topic || ' ' || source_partition || ' ' || source_offset "
                + "FROM whatsapp_message WHERE message_id = 'wamid.REPLAY-FIX'"))
                .contains("text whatsapp.webhooks.raw " + PARTITION + " " + raw.offset());
        assertThat(StackRecords.value("SELECT message_count::text FROM whatsapp_conversation WHERE contact_id = '5511900002000'"))
                .contains("1");
        assertThat(StackRecords.committedOffsets(WebhookTopics.DEFAULT_WORKER_GROUP)).isEqualTo(offsetsBefore);
        assertThat(List.copyOf(offsetsBefore.keySet())).isNotEmpty();
    }
}
