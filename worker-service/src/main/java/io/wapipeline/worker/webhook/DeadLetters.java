package io.wapipeline.worker.webhook;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.stereotype.Component;

import io.wapipeline.model.WebhookHeaders;
import io.wapipeline.model.WebhookTopics;
import io.wapipeline.service.logging.LogText;

/**
 * Publishes records that can never be processed to {@code whatsapp.webhooks.raw-dlt}: the value and headers unchanged,
 * plus Spring's {@code kafka_dlt-*} headers (original topic, partition, offset, timestamp, exception) and
 * {@value #REASON_HEADER} with the reason in plain words. Waits for the broker's acknowledgement, so a record is
 * never committed past before its dead letter is kept.
 */
@Component
class DeadLetters {

    static final String REASON_HEADER = WebhookHeaders.DEAD_LETTER_REASON;

    private static final int MAX_REASON_LENGTH = 1_000;

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final DeadLetterPublishingRecoverer recoverer;

    DeadLetters(KafkaTemplate<Object, Object> kafka) {
        recoverer = new DeadLetterPublishingRecoverer(kafka, (record, failure) -> new TopicPartition(WebhookTopics.DEAD_LETTER, -1));
        recoverer.setFailIfSendResultIsError(true);
        recoverer.setHeadersFunction((record, failure) -> {
            var headers = new org.apache.kafka.common.header.internals.RecordHeaders();
            headers.add(REASON_HEADER, failure.getMessage().getBytes(StandardCharsets.UTF_8));
            return headers;
        });
    }

    void publish(List<DecodedRecord> poison) {
        for (DecodedRecord letter : poison) {
            recoverer.accept(letter.record(), null, new UnprocessableRecordException(bounded(letter.poisonReason())));
            log.warn("Dead-lettered {}-{}@{}: {}", letter.record().topic(), letter.record().partition(),
                    letter.record().offset(), LogText.escape(letter.poisonReason()));
        }
    }

    /** The reason header stays small: the record's own bytes are the evidence. */
    private static String bounded(String reason) {
        return reason.length() <= MAX_REASON_LENGTH ? reason : reason.substring(0, MAX_REASON_LENGTH) + "…";
    }

    /** Why a record went to the dead-letter topic; its message becomes the reason header. */
    static final class UnprocessableRecordException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        UnprocessableRecordException(String reason) {
            super(reason, null, false, false);
        }
    }
}
