package io.wapipeline.model;

/** Names of the Kafka record headers the ingest writes on every raw webhook record. */
public final class WebhookHeaders {

    /** When the ingest received the request, ISO-8601 UTC (for example {@code 2026-11-24T10:15:30.123Z}). */
    public static final String RECEIVED_AT = "whatsapp-received-at";

    /** The id the ingest gave the request; also returned to the caller as {@code X-Request-Id}. */
    public static final String REQUEST_ID = "whatsapp-request-id";

    /** Meta's signature header exactly as received. */
    public static final String SIGNATURE = "x-hub-signature-256";

    private WebhookHeaders() {
    }
}
