package io.wapipeline.worker.webhook;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wapipeline.model.WebhookHeaders;
import io.wapipeline.model.WebhookRecord;
import io.wapipeline.model.signature.SignatureCheck;
import io.wapipeline.model.signature.SignatureMatch;
import io.wapipeline.model.signature.SignatureVerifier;
import io.wapipeline.worker.config.SignatureProperties;

/**
 * The second lock behind Kafka's own access control: a raw record is stored only when its signature is one this
 * system trusts. A record with {@value WebhookHeaders#INTERNAL_SIGNATURE} (made by {@code wa-ops import-django}) is
 * judged by it and the internal key alone; any other by Meta's {@code X-Hub-Signature-256} under the app secrets.
 * Copies (replay, redrive, reprocess) keep the headers of the record they copy, so they pass as it did.
 */
@Component
class RecordSignatures {

    private static final Logger log = LoggerFactory.getLogger(RecordSignatures.class);

    static final String INTERNAL = "internal";
    static final String META = "meta-";

    private final SignatureVerifier meta;
    private final Optional<SignatureVerifier> internal;
    private final Map<String, Counter> accepted = new HashMap<>();
    private final Map<Problem, Counter> refused = new HashMap<>();

    RecordSignatures(SignatureProperties properties, MeterRegistry registry) {
        this.meta = new SignatureVerifier(properties.appSecrets());
        this.internal = properties.internalKey().isEmpty() ? Optional.empty()
                : Optional.of(new SignatureVerifier(java.util.List.of(properties.internalKey())));
        for (int secret = 1; secret <= properties.appSecrets().size(); secret++) {
            accepted.put(META + secret, acceptedCounter(registry, META + secret));
        }
        accepted.put(INTERNAL, acceptedCounter(registry, INTERNAL));
        log.info("Checking every record's signature: {} app secret(s) of WHATSAPP_APP_SECRET, {}", properties.appSecrets().size(),
                internal.isPresent() ? "and WHATSAPP_INTERNAL_KEY for the records of wa-ops import-django"
                        : "no WHATSAPP_INTERNAL_KEY (records of wa-ops import-django will be dead-lettered)");
        for (Problem problem : Problem.values()) {
            refused.put(problem, Counter.builder("whatsapp.worker.signatures.refused")
                    .description("Raw records dead-lettered because their signature is missing, malformed, wrong or stale")
                    .tag("problem", problem.tag).register(registry));
        }
    }

    private static Counter acceptedCounter(MeterRegistry registry, String key) {
        return Counter.builder("whatsapp.worker.signatures.accepted")
                .description("Raw records whose signature a key accepted: meta-N is the Nth app secret of WHATSAPP_APP_SECRET")
                .tag("key", key).register(registry);
    }

    /** Which key accepted the record, or why none did; counted either way. */
    Verdict check(ConsumerRecord<String, byte[]> record) {
        byte[] body = record.value() == null ? new byte[0] : record.value();
        Optional<String> internalHeader = WebhookRecord.header(record.headers(), WebhookHeaders.INTERNAL_SIGNATURE);
        Verdict verdict = internalHeader.isPresent() ? internal(body, internalHeader.get())
                : meta(meta.match(body, WebhookRecord.header(record.headers(), WebhookHeaders.SIGNATURE).orElse(null)));
        if (verdict.accepted()) {
            accepted.get(verdict.signedBy()).increment();
        }
        else {
            refused.get(verdict.problem()).increment();
        }
        return verdict;
    }

    private static Verdict meta(SignatureMatch match) {
        return switch (match.check()) {
            case VALID -> Verdict.accepted(META + match.secret());
            case MISSING -> Verdict.refused(Problem.MISSING);
            case MALFORMED -> Verdict.refused(Problem.MALFORMED);
            case MISMATCH -> Verdict.refused(Problem.MISMATCH);
        };
    }

    private Verdict internal(byte[] body, String header) {
        if (internal.isEmpty()) {
            return Verdict.refused(Problem.NO_INTERNAL_KEY);
        }
        SignatureCheck check = internal.get().verify(body, header);
        return switch (check) {
            case VALID -> Verdict.accepted(INTERNAL);
            case MISSING -> Verdict.refused(Problem.MISSING);
            case MALFORMED -> Verdict.refused(Problem.MALFORMED);
            case MISMATCH -> Verdict.refused(Problem.INTERNAL_MISMATCH);
        };
    }

    /** Why no key accepted a record: the metric's tag, and the dead letter's reason (no secret, no body). */
    enum Problem {
        MISSING("missing", "the record carries neither " + WebhookHeaders.SIGNATURE + " nor " + WebhookHeaders.INTERNAL_SIGNATURE),
        MALFORMED("malformed", "the signature header is not sha256= and 64 hex digits"),
        MISMATCH("mismatch", "no app secret of WHATSAPP_APP_SECRET produced it (forged, corrupted, or signed with a secret"
                + " no longer in the list)"),
        INTERNAL_MISMATCH("internal_mismatch", WebhookHeaders.INTERNAL_SIGNATURE + " does not match WHATSAPP_INTERNAL_KEY"
                + " (forged, or signed with another stack's key)"),
        NO_INTERNAL_KEY("no_internal_key", "the record carries " + WebhookHeaders.INTERNAL_SIGNATURE
                + " but this worker has no WHATSAPP_INTERNAL_KEY");

        private final String tag;
        private final String reason;

        Problem(String tag, String reason) {
            this.tag = tag;
            this.reason = reason;
        }
    }

    /** The key that accepted a record ({@code meta-1}, ..., {@code internal}), or the problem when none did. */
    record Verdict(String signedBy, Problem problem) {

        static Verdict accepted(String signedBy) {
            return new Verdict(signedBy, null);
        }

        static Verdict refused(Problem problem) {
            return new Verdict(null, problem);
        }

        boolean accepted() {
            return signedBy != null;
        }

        /** The dead letter's reason: {@code signature: <problem>: <what it means>}. */
        String reason() {
            return "signature: " + problem.tag + ": " + problem.reason;
        }
    }
}
