package io.wapipeline.ops.importer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import org.apache.kafka.clients.producer.ProducerRecord;

import io.wapipeline.model.WebhookRecord;

/** What a Django message row becomes: the webhook that brings its message into the pipeline, or why it cannot. */
sealed interface Mapped permits Mapped.Webhook, Mapped.Unreadable {

    long djangoId();

    /** Where the webhook's message came from. */
    enum Source {
        RAW_WEBHOOK("whole webhook from raw_payload"),
        RAW_ITEM("message item from raw_payload, wrapped in a webhook"),
        COLUMNS("built from columns"),
        COLUMNS_OVER_PAYLOAD("built from columns, raw_payload being neither its webhook nor its item");

        private final String description;

        Source(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }
    }

    /**
     * A webhook for the raw topic carrying the row's message.
     *
     * @param unmappedType the message type when it was built from columns without a mapping for that type
     */
    record Webhook(long djangoId, String messageId, Source source, byte[] body, Instant receivedAt,
            Optional<String> unmappedType) implements Mapped {

        /**
         * The record as the ingest would have written it, but with no Meta signature (Meta never sent it): the request
         * id names the Django row. {@link SignedPublisher} signs it with the internal key.
         */
        ProducerRecord<String, byte[]> toProducerRecord() {
            return WebhookRecord.keyed(body, receivedAt, "import-django-" + djangoId, null).toProducerRecord();
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Why a row is not imported. */
    enum Reason {
        NO_MESSAGE_ID("no message_id"),
        NO_FROM_NUMBER("no from_number"),
        NO_TIMESTAMP("no timestamp"),
        BAD_TIMESTAMP("timestamp is not a time between 1970 and 9999"),
        RAW_PAYLOAD_NOT_JSON("raw_payload is not JSON");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        String description() {
            return description;
        }
    }

    /**
     * A row that is not published.
     *
     * @param value the offending value as the row holds it, or null when the value is missing
     */
    record Unreadable(long djangoId, Reason reason, String value) implements Mapped {

        /** {@code django id 12: raw_payload is not JSON: '{broken'}, the value escaped. */
        String describe() {
            return "django id " + djangoId + ": " + reason.description()
                    + (value == null ? "" : ": '" + RemoteText.escape(value, 80) + "'");
        }
    }
}
