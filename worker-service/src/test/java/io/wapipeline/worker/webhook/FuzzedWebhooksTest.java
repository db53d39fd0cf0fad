package io.wapipeline.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.wapipeline.model.WebhookTopics;
import io.wapipeline.model.payload.NotAWebhookException;
import io.wapipeline.model.payload.ParsedWebhook;
import io.wapipeline.model.payload.WebhookParser;
import io.wapipeline.testsupport.TestKafka;
import io.wapipeline.testsupport.TopicRecords;
import io.wapipeline.testsupport.WebhookMutations;
import io.wapipeline.worker.Webhooks;
import io.wapipeline.worker.WorkerIntegrationTest;

/**
 * Webhooks mutated as a hostile or broken sender would (jqwik's generators over the project's fixtures, and the
 * conformance corpus's real webhooks where it is found), sent
 * through Kafka to the worker: every record ends stored, partly stored with its unreadable items kept (each with a
 * reason), or dead-lettered, within a bound, and the consumer keeps going. 150 records here;
 * {@code -Dfuzz.records=N} sends more (docs/reliability.md).
 */
class FuzzedWebhooksTest extends WorkerIntegrationTest {

    private static final int RECORDS = Integer.getInteger("fuzz.records", 150);

    @Test
    void everyMutatedWebhookEndsStoredPartlyStoredOrDeadLetteredAndTheConsumerKeepsGoing() {
        Map<TopicPartition, Long> lettersBefore = TopicRecords.endOffsets(TestKafka.bootstrapServers(), WebhookTopics.DEAD_LETTER);
        Set<String> identities = new HashSet<>();
        List<Sent> sent = new ArrayList<>();
        WebhookMutations.ofFixturesAndCorpus().sampleStream().limit(RECORDS * 3L).filter(body -> distinct(body, identities))
                .limit(RECORDS).forEach(body -> sent.add(new Sent(publish(body), parse(body), body.length)));
        publish(Webhooks.text("wamid.FUZZ-SENTINEL", "5511977709999", "still consuming", 1749416383L));

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_message WHERE message_id = 'wamid.FUZZ-SENTINEL'") == 1);
        await().atMost(WAIT).untilAsserted(() -> {
            Set<String> deadLettered = deadLettered(lettersBefore);
            for (Sent record : sent) {
                String position = record.meta().partition() + "@" + record.meta().offset();
                if (record.parsed() == null) {
                    assertThat(deadLettered).as("not a webhook, %d bytes, at %s", record.length(), position).contains(position);
                }
                else if (record.parsed().size() > 0 && !deadLettered.contains(position)) {
                    assertThat(rowsFrom(record.meta())).as("rows of the record at %s", position).isPositive();
                }
            }
        });
        assertThat(count("SELECT count(*) FROM whatsapp_event WHERE kind = 'unreadable' AND (reason IS NULL OR reason = '')")).isZero();
        assertThat(count("SELECT count(*) FROM whatsapp_event WHERE kind <> 'unreadable' AND reason IS NOT NULL")).isZero();
    }

    private long rowsFrom(RecordMetadata meta) {
        return count("""
                SELECT (SELECT count(*) FROM whatsapp_message WHERE source_partition = ? AND source_offset = ?)
                     + (SELECT count(*) FROM whatsapp_message_status WHERE source_partition = ? AND source_offset = ?)
                     + (SELECT count(*) FROM whatsapp_call_event WHERE source_partition = ? AND source_offset = ?)
                     + (SELECT count(*) FROM whatsapp_event WHERE source_partition = ? AND source_offset = ?)""",
                meta.partition(), meta.offset(), meta.partition(), meta.offset(), meta.partition(), meta.offset(),
                meta.partition(), meta.offset());
    }

    private static Set<String> deadLettered(Map<TopicPartition, Long> before) {
        return TopicRecords.since(TestKafka.bootstrapServers(), before).stream()
                .filter(letter -> WebhookTopics.RAW.equals(header(letter, "kafka_dlt-original-topic")))
                .map(letter -> ByteBuffer.wrap(letter.headers().lastHeader("kafka_dlt-original-partition").value()).getInt()
                        + "@" + ByteBuffer.wrap(letter.headers().lastHeader("kafka_dlt-original-offset").value()).getLong())
                .collect(Collectors.toSet());
    }

    /**
     * Only bodies whose items no earlier body of this run carries: a duplicate would be stored once, pointing at the
     * record that came first, and this record's outcome could not be told.
     */
    private static boolean distinct(byte[] body, Set<String> identities) {
        ParsedWebhook parsed = parse(body);
        if (parsed == null) {
            return true;
        }
        List<String> items = Stream.of(parsed.messages().stream().map(m -> "m:" + m.messageId()),
                parsed.statuses().stream().map(s -> "s:" + s.messageId() + "/" + s.status()),
                parsed.calls().stream().map(c -> "c:" + c.callId() + "/" + c.event() + "/" + c.status()),
                parsed.events().stream().map(e -> "e:" + e.kind() + e.field() + e.payloadJson())).flatMap(s -> s).toList();
        if (items.stream().anyMatch(identities::contains)) {
            return false;
        }
        identities.addAll(items);
        return true;
    }

    private static ParsedWebhook parse(byte[] body) {
        try {
            return WebhookParser.parse(body);
        }
        catch (NotAWebhookException notAWebhook) {
            return null;
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private record Sent(RecordMetadata meta, ParsedWebhook parsed, int length) {
    }
}
