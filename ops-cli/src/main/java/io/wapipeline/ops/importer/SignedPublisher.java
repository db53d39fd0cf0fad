package io.wapipeline.ops.importer;

import io.wapipeline.model.signature.InternalSigner;
import io.wapipeline.ops.records.RecordPublisher;

/**
 * Publishes imported webhooks signed with this system's internal key: Meta never signed them, and the worker stores
 * no record without a signature it trusts.
 */
record SignedPublisher(RecordPublisher publisher, InternalSigner signer) {

    void send(Mapped.Webhook webhook) {
        publisher.send(signer.sign(webhook.toProducerRecord()));
    }

    void flush() {
        publisher.flush();
    }
}
