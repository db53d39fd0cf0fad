package io.wapipeline.worker.console;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import io.wapipeline.model.WebhookHeaders;
import io.wapipeline.model.WebhookRecord;
import io.wapipeline.model.WebhookTopics;
import io.wapipeline.service.logging.LogText;

/**
 * Kafka's records for the console, read with assigned partitions and no consumer group (no offset is committed, the
 * live workers are not disturbed): the newest dead letters of every partition; a redrive that sends one back through
 * the worker as {@code wa-ops redrive} does (a copy on the reprocess topic naming the raw record it stands for); and
 * the reprocessing of one raw record, as {@code wa-ops replay --reprocess} does. The dead letter itself stays (Kafka
 * cannot delete one record); sending a copy twice is harmless, since the worker's writes are idempotent.
 */
@Component
class DeadLetterBrowser {

    /** A dead letter as the console lists it. */
    record DeadLetter(int partition, long offset, Instant at, String reason, WebhookRecord.CopiedFrom origin, String key,
            String preview, int size) {

        public String position() {
            return WebhookTopics.DEAD_LETTER + "-" + partition + "@" + offset;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(DeadLetterBrowser.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(3);
    private static final int PREVIEW_LENGTH = 300;

    private final ConsumerFactory<String, byte[]> consumers;
    private final KafkaTemplate<String, byte[]> kafka;

    DeadLetterBrowser(ConsumerFactory<String, byte[]> consumers, KafkaTemplate<String, byte[]> kafka) {
        this.consumers = consumers;
        this.kafka = kafka;
    }

    /** Up to {@code limit} of the newest dead letters, newest first (at most {@code limit} read from each partition). */
    List<DeadLetter> newest(int limit) {
        return newestRecords(limit).stream().map(DeadLetterBrowser::letter).toList();
    }

    private List<ConsumerRecord<String, byte[]>> newestRecords(int limit) {
        try (Consumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            if (partitions.isEmpty()) {
                return List.of();
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_TIMEOUT);
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions, READ_TIMEOUT);
            for (TopicPartition partition : partitions) {
                consumer.seek(partition, Math.max(begins.get(partition), ends.get(partition) - limit));
            }
            List<ConsumerRecord<String, byte[]>> letters = new ArrayList<>();
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(letters::add);
            }
            letters.sort(Comparator.comparingLong((ConsumerRecord<String, byte[]> r) -> r.timestamp())
                    .thenComparingLong(ConsumerRecord::offset).reversed());
            return List.copyOf(letters.subList(0, Math.min(limit, letters.size())));
        }
    }

    /** Of the newest {@code limit} dead letters, those whose reason contains {@code text}, ignoring case. */
    List<DeadLetter> matching(String text, int limit) {
        return matchingRecords(text, limit).stream().map(DeadLetterBrowser::letter).toList();
    }

    /**
     * Sends every dead letter {@link #matching} finds back through the worker, waiting for Kafka's acknowledgement
     * of each; one log line names the user, the text and how many.
     *
     * @return how many were sent
     */
    int redriveMatching(String text, int limit, String user) throws Exception {
        List<ConsumerRecord<String, byte[]>> letters = matchingRecords(text, limit);
        List<java.util.concurrent.CompletableFuture<?>> sent = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> letter : letters) {
            sent.add(kafka.send(WebhookRecord.copy(letter, WebhookRecord.deadLetterOrigin(letter), WebhookTopics.REPROCESS)));
        }
        for (var acknowledgement : sent) {
            acknowledgement.get(30, TimeUnit.SECONDS);
        }
        log.info("Console: {} redrove {} dead letter(s) whose reason contains '{}'", LogText.escape(user), letters.size(),
                LogText.escape(text));
        return letters.size();
    }

    private List<ConsumerRecord<String, byte[]>> matchingRecords(String text, int limit) {
        String wanted = text.toLowerCase(java.util.Locale.ROOT);
        return newestRecords(limit).stream().filter(record -> WebhookRecord.header(record.headers(), WebhookHeaders.DEAD_LETTER_REASON)
                .orElse("").toLowerCase(java.util.Locale.ROOT).contains(wanted)).toList();
    }

    /** The dead letter at this place, or empty when there is none. */
    Optional<DeadLetter> find(int partition, long offset) {
        return read(WebhookTopics.DEAD_LETTER, partition, offset).map(DeadLetterBrowser::letter);
    }

    /**
     * Sends the dead letter at this place back through the worker and waits for Kafka's acknowledgement.
     *
     * @return where the copy landed, or empty when there is no dead letter there
     */
    Optional<String> redrive(int partition, long offset, String user) throws Exception {
        Optional<ConsumerRecord<String, byte[]>> record = read(WebhookTopics.DEAD_LETTER, partition, offset);
        if (record.isEmpty()) {
            return Optional.empty();
        }
        WebhookRecord.CopiedFrom origin = WebhookRecord.deadLetterOrigin(record.get());
        String copy = sendCopy(record.get(), origin);
        log.info("Console: {} redrove dead letter {}-{}@{} (raw record {}-{}@{}) as {}", LogText.escape(user), WebhookTopics.DEAD_LETTER,
                partition, offset, LogText.escape(origin.topic()), origin.partition(), origin.offset(), copy);
        return Optional.of(copy);
    }

    /**
     * Sends the raw record at this place through the worker again, as {@code wa-ops replay --reprocess} does: the
     * stored rows are overwritten with what the current parser makes of it.
     *
     * @return where the copy landed, or empty when the record is no longer in Kafka (past retention)
     */
    Optional<String> reprocess(String topic, int partition, long offset, String user, String messageId) throws Exception {
        Optional<ConsumerRecord<String, byte[]>> record = read(topic, partition, offset);
        if (record.isEmpty()) {
            return Optional.empty();
        }
        String copy = sendCopy(record.get(), new WebhookRecord.CopiedFrom(topic, partition, offset));
        log.info("Console: {} reprocessed message {} from {}-{}@{} as {}", LogText.escape(user), LogText.escape(messageId),
                LogText.escape(topic), partition, offset, copy);
        return Optional.of(copy);
    }

    private String sendCopy(ConsumerRecord<String, byte[]> record, WebhookRecord.CopiedFrom origin) throws Exception {
        var sent = kafka.send(WebhookRecord.copy(record, origin, WebhookTopics.REPROCESS)).get(30, TimeUnit.SECONDS);
        return sent.getRecordMetadata().topic() + "-" + sent.getRecordMetadata().partition() + "@" + sent.getRecordMetadata().offset();
    }

    private Optional<ConsumerRecord<String, byte[]>> read(String topic, int partition, long offset) {
        try (Consumer<String, byte[]> consumer = consumer()) {
            TopicPartition place = new TopicPartition(topic, partition);
            if (partitions(consumer, topic).stream().noneMatch(place::equals)) {
                return Optional.empty();
            }
            consumer.assign(List.of(place));
            long begin = consumer.beginningOffsets(List.of(place), READ_TIMEOUT).get(place);
            long end = consumer.endOffsets(List.of(place), READ_TIMEOUT).get(place);
            if (offset < begin || offset >= end) {
                return Optional.empty();
            }
            consumer.seek(place, offset);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == offset) {
                        return Optional.of(record);
                    }
                    if (record.offset() > offset) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.empty();
        }
    }

    private static List<TopicPartition> partitions(Consumer<String, byte[]> consumer) {
        return partitions(consumer, WebhookTopics.DEAD_LETTER);
    }

    private static List<TopicPartition> partitions(Consumer<String, byte[]> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, READ_TIMEOUT);
        return infos == null ? List.of() : infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    }

    private Consumer<String, byte[]> consumer() {
        Properties overrides = new Properties();
        overrides.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        overrides.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        return consumers.createConsumer(null, "console-dead-letters", null, overrides);
    }

    private static DeadLetter letter(ConsumerRecord<String, byte[]> record) {
        byte[] value = record.value() == null ? new byte[0] : record.value();
        String text = new String(value, 0, Math.min(value.length, PREVIEW_LENGTH * 4), StandardCharsets.UTF_8);
        String preview = text.length() <= PREVIEW_LENGTH ? text : text.substring(0, PREVIEW_LENGTH) + "…";
        return new DeadLetter(record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()),
                WebhookRecord.header(record.headers(), WebhookHeaders.DEAD_LETTER_REASON).orElse("no reason recorded"),
                WebhookRecord.deadLetterOrigin(record), record.key(), preview, value.length);
    }
}
