package io.wapipeline.model.signature;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.producer.ProducerRecord;

import io.wapipeline.model.WebhookHeaders;

/**
 * Signs a record this system's own tools make, which Meta never signed ({@code wa-ops import-django}), with the internal
 * key: {@link WebhookHeaders#INTERNAL_SIGNATURE}, the same HMAC-SHA256 of the value as Meta's, under a key Meta never
 * sees. The worker stores such a record only when the header matches its own copy of the key.
 */
public final class InternalSigner {

    private final WebhookSigner signer;

    public InternalSigner(String internalKey) {
        if (internalKey == null || internalKey.isBlank()) {
            throw new IllegalArgumentException("the internal key must not be empty");
        }
        this.signer = new WebhookSigner(internalKey);
    }

    /** The record with its value signed, in place; returned for chaining. */
    public ProducerRecord<String, byte[]> sign(ProducerRecord<String, byte[]> record) {
        record.headers().remove(WebhookHeaders.INTERNAL_SIGNATURE);
        record.headers().add(WebhookHeaders.INTERNAL_SIGNATURE, signer.sign(record.value()).getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
