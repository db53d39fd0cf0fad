package io.wapipeline.worker.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.micrometer.core.instrument.MeterRegistry;
import io.wapipeline.model.WebhookRecord;
import io.wapipeline.model.WebhookTopics;
import io.wapipeline.model.signature.InternalSigner;
import io.wapipeline.testsupport.TestKafka;
import io.wapipeline.testsupport.TestSignatures;
import io.wapipeline.testsupport.TopicRecords;
import io.wapipeline.worker.Webhooks;
import io.wapipeline.worker.WorkerIntegrationTest;

/**
 * The second lock: a record on the raw topic is stored only when Meta's signature under one of the app secrets, or
 * this system's internal key, made it. What a plain Kafka client forges is dead-lettered with reason {@code signature}.
 */
class SignedRecordsTest extends WorkerIntegrationTest {

    private static final long TIME = 1_749_416_383L;

    @Autowired
    private MeterRegistry meters;

    @Test
    void wrongMissingStaleAndMalformedSignaturesAreDeadLetteredAndCountedAndNothingOfThemIsStored() {
        Map<TopicPartition, Long> before = deadLetterOffsets();
        Map<String, Double> refusedBefore = Map.of("mismatch", refused("mismatch"), "missing", refused("missing"),
                "malformed", refused("malformed"), "internal_mismatch", refused("internal_mismatch"));
        String wrong = id("wrong");
        String zeros = id("zeros");
        String missing = id("missing");
        String stale = id("stale");
        String malformed = id("malformed");
        String internalWrong = id("internal-wrong");

        RecordMetadata wrongAt = publishSigned(wrong, body -> TestSignatures.sign("an-attackers-guess", body));
        RecordMetadata zerosAt = publishSigned(zeros, body -> "sha256=" + "0".repeat(64));
        RecordMetadata missingAt = publishSigned(missing, body -> null);
        RecordMetadata staleAt = publishSigned(stale, body -> TestSignatures.sign("test-app-secret-retired-last-year", body));
        RecordMetadata malformedAt = publishSigned(malformed, body -> "sha1=0000");
        RecordMetadata internalWrongAt = publish(new InternalSigner("another-stacks-key").sign(
                WebhookRecord.keyed(body(internalWrong), Instant.now(), "import-django-7", null).toProducerRecord()));
        String after = id("after");
        publish(body(after));

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_message WHERE message_id = ?", after) == 1);
        await().atMost(WAIT).untilAsserted(() -> {
            List<ConsumerRecord<String, byte[]>> letters = TopicRecords.since(TestKafka.bootstrapServers(), before);
            assertThat(reasonOf(letters, wrongAt)).startsWith("signature: mismatch: no app secret of WHATSAPP_APP_SECRET produced it");
            assertThat(reasonOf(letters, zerosAt)).startsWith("signature: mismatch: ");
            assertThat(reasonOf(letters, missingAt)).startsWith("signature: missing: ");
            assertThat(reasonOf(letters, staleAt)).startsWith("signature: mismatch: ");
            assertThat(reasonOf(letters, malformedAt)).startsWith("signature: malformed: ");
            assertThat(reasonOf(letters, internalWrongAt)).startsWith("signature: internal_mismatch: ");
        });
        assertThat(count("SELECT count(*) FROM whatsapp_message WHERE message_id IN (?, ?, ?, ?, ?, ?)", wrong, zeros, missing,
                stale, malformed, internalWrong)).isZero();
        assertThat(refused("mismatch")).isGreaterThanOrEqualTo(refusedBefore.get("mismatch") + 3);
        assertThat(refused("missing")).isGreaterThanOrEqualTo(refusedBefore.get("missing") + 1);
        assertThat(refused("malformed")).isGreaterThanOrEqualTo(refusedBefore.get("malformed") + 1);
        assertThat(refused("internal_mismatch")).isGreaterThanOrEqualTo(refusedBefore.get("internal_mismatch") + 1);
    }

    @Test
    void aRecordSignedWithTheCurrentOrARotatedOutSecretStillInTheListIsStoredAndSaysWhichSecret() {
        double secondBefore = accepted("meta-2");
        String current = id("current");
        String previous = id("previous");

        publishSigned(current, TestSignatures::sign);
        publishSigned(previous, body -> TestSignatures.sign(TestSignatures.PREVIOUS_APP_SECRET, body));

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_message WHERE message_id IN (?, ?)", current, previous) == 2);
        assertThat(signedBy(current)).isEqualTo("meta-1");
        assertThat(signedBy(previous)).isEqualTo("meta-2");
        assertThat(accepted("meta-2")).isGreaterThanOrEqualTo(secondBefore + 1);
    }

    @Test
    void aReplayedCopyKeepsMetasSignatureAndIsRewrittenWhileACopyOfAForgeryIsRefusedAgain() {
        Map<TopicPartition, Long> before = deadLetterOffsets();
        String replayed = id("replayed");
        String forged = id("forged");
        RecordMetadata original = publish(body(replayed));
        RecordMetadata forgery = publishSigned(forged, body -> "sha256=" + "0".repeat(64));
        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_message WHERE message_id = ?", replayed) == 1);
        jdbc.sql("UPDATE whatsapp_message SET text_body = 'changed by hand', signed_by = 'unchecked' WHERE message_id = ?")
                .param(replayed).update();

        publish(WebhookRecord.copy(consumed(original), new WebhookRecord.CopiedFrom(original.topic(), original.partition(),
                original.offset()), WebhookTopics.REPROCESS));
        publish(WebhookRecord.copy(consumed(forgery), new WebhookRecord.CopiedFrom(forgery.topic(), forgery.partition(),
                forgery.offset()), WebhookTopics.REPROCESS));

        await().atMost(WAIT).untilAsserted(() -> assertThat(row(
                "SELECT text_body, signed_by, source_topic, source_offset FROM whatsapp_message WHERE message_id = ?", replayed))
                .containsEntry("text_body", "words of " + replayed).containsEntry("signed_by", "meta-1")
                .containsEntry("source_topic", WebhookTopics.RAW).containsEntry("source_offset", original.offset()));
        await().atMost(WAIT).untilAsserted(() -> assertThat(TopicRecords.since(TestKafka.bootstrapServers(), before))
                .anySatisfy(letter -> {
                    assertThat(letter.topic()).isEqualTo(WebhookTopics.DEAD_LETTER);
                    assertThat(header(letter, "kafka_dlt-original-topic")).isEqualTo(WebhookTopics.REPROCESS);
                    assertThat(header(letter, "whatsapp-origin-offset")).isEqualTo(Long.toString(forgery.offset()));
                    assertThat(header(letter, "whatsapp-dlt-reason")).startsWith("signature: mismatch: ");
                }));
        assertThat(count("SELECT count(*) FROM whatsapp_message WHERE message_id = ?", forged)).isZero();
    }

    @Test
    void anImportedRecordSignedWithTheInternalKeyIsStoredAndSaysInternal() {
        double internalBefore = accepted("internal");
        String imported = id("imported");
        ProducerRecord<String, byte[]> record = WebhookRecord.keyed(body(imported), Instant.parse("2024-03-01T10:00:00Z"),
                "import-django-42", null).toProducerRecord();

        publish(new InternalSigner(TestSignatures.INTERNAL_KEY).sign(record));

        await().atMost(WAIT).until(() -> count("SELECT count(*) FROM whatsapp_message WHERE message_id = ?", imported) == 1);
        assertThat(row("SELECT signed_by, received_at FROM whatsapp_message WHERE message_id = ?", imported))
                .containsEntry("signed_by", "internal")
                .containsEntry("received_at", java.sql.Timestamp.from(Instant.parse("2024-03-01T10:00:00Z")));
        assertThat(accepted("internal")).isGreaterThanOrEqualTo(internalBefore + 1);
    }

    private static String id(String what) {
        return "wamid.SIGNED-" + what + "-" + UUID.randomUUID();
    }

    private static byte[] body(String messageId) {
        return Webhooks.text(messageId, "5511900000991", "words of " + messageId, TIME).getBytes(StandardCharsets.UTF_8);
    }

    private static RecordMetadata publishSigned(String messageId, java.util.function.Function<byte[], String> signature) {
        byte[] body = body(messageId);
        return publish(WebhookRecord.keyed(body, Instant.now(), UUID.randomUUID().toString(), signature.apply(body)).toProducerRecord());
    }

    private String signedBy(String messageId) {
        return jdbc.sql("SELECT signed_by FROM whatsapp_message WHERE message_id = ?").param(messageId).query(String.class).single();
    }

    private double refused(String problem) {
        return meters.get("whatsapp.worker.signatures.refused").tag("problem", problem).counter().count();
    }

    private double accepted(String key) {
        return meters.get("whatsapp.worker.signatures.accepted").tag("key", key).counter().count();
    }

    /** The raw record as a consumer reads it: what the operator tools copy. */
    private static ConsumerRecord<String, byte[]> consumed(RecordMetadata at) {
        Map<TopicPartition, Long> from = Map.of(new TopicPartition(at.topic(), at.partition()), at.offset());
        return TopicRecords.since(TestKafka.bootstrapServers(), from).stream().filter(r -> r.offset() == at.offset())
                .findFirst().orElseThrow();
    }

    private static String reasonOf(List<ConsumerRecord<String, byte[]>> letters, RecordMetadata origin) {
        return letters.stream()
                .filter(letter -> WebhookTopics.RAW.equals(header(letter, "kafka_dlt-original-topic")))
                .filter(letter -> ByteBuffer.wrap(letter.headers().lastHeader("kafka_dlt-original-partition").value()).getInt() == origin.partition()
                        && ByteBuffer.wrap(letter.headers().lastHeader("kafka_dlt-original-offset").value()).getLong() == origin.offset())
                .map(letter -> header(letter, "whatsapp-dlt-reason")).findFirst().orElse("");
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Map<TopicPartition, Long> deadLetterOffsets() {
        await().atMost(WAIT).until(() -> {
            try {
                return !TopicRecords.endOffsets(TestKafka.bootstrapServers(), WebhookTopics.DEAD_LETTER).isEmpty();
            }
            catch (RuntimeException notYet) {
                return false;
            }
        });
        return TopicRecords.endOffsets(TestKafka.bootstrapServers(), WebhookTopics.DEAD_LETTER);
    }
}
