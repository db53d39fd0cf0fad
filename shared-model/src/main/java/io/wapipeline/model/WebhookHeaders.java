package io.wapipeline.model;

/**
 * Names of the Kafka record headers the ingest writes on every raw webhook record, and of those the operator tools add
 * when they copy a record to another topic.
 */
public final class WebhookHeaders {

    /** When the ingest received the request, ISO-8601 UTC (for example {@code 2026-11-24T10:15:30.123Z}). */
    public static final String RECEIVED_AT = "whatsapp-received-at";

    /** The id the ingest gave the request; also returned to the caller as {@code X-Request-Id}. */
    public static final String REQUEST_ID = "whatsapp-request-id";

    /** Meta's signature header exactly as received. */
    public static final String SIGNATURE = "x-hub-signature-256";

    /**
     * On a record this system's own tools made ({@code wa-ops import-django}), which Meta never signed: the same
     * {@code sha256=<hex>} HMAC of the value, keyed by this system's internal key ({@code WHATSAPP_INTERNAL_KEY}).
     */
    public static final String INTERNAL_SIGNATURE = "whatsapp-internal-signature";

    /** On a dead letter: why the worker could never process the record, in plain words. */
    public static final String DEAD_LETTER_REASON = "whatsapp-dlt-reason";

    /** On a copy (reprocess, redrive): the topic of the record it was copied from. */
    public static final String ORIGIN_TOPIC = "whatsapp-origin-topic";

    /** On a copy: the partition of the record it was copied from, as decimal text. */
    public static final String ORIGIN_PARTITION = "whatsapp-origin-partition";

    /** On a copy: the offset of the record it was copied from, as decimal text. */
    public static final String ORIGIN_OFFSET = "whatsapp-origin-offset";

    private WebhookHeaders() {
    }
}
