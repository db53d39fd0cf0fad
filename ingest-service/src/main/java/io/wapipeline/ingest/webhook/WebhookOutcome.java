package io.wapipeline.ingest.webhook;

import java.util.Locale;

/** How one request to the webhook endpoint ended; the {@code outcome} tag of the request counter. */
enum WebhookOutcome {
    ACCEPTED,
    SIGNATURE_MISSING,
    SIGNATURE_INVALID,
    TOO_LARGE,
    BODY_TIMEOUT,
    BUFFER_FULL,
    KAFKA_UNAVAILABLE,
    HANDSHAKE_OK,
    HANDSHAKE_FAILED;

    String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
