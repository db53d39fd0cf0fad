package io.wapipeline.ingest.webhook;

import java.io.IOException;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.support.SendResult;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.wapipeline.ingest.config.IngestProperties;
import io.wapipeline.service.problem.Problems;
import io.wapipeline.ingest.webhook.WebhookPublisher.WebhookReceived;
import io.wapipeline.model.WebhookHeaders;
import io.wapipeline.model.signature.SignatureCheck;
import io.wapipeline.model.signature.SignatureVerifier;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Meta's webhook endpoint, with and without the trailing slash. GET is the verification handshake (Meta signs
 * nothing there); POST is a signed delivery, answered 200 only once Kafka holds it.
 */
@RestController
@RequestMapping({ "/api/whatsapp/webhook", "/api/whatsapp/webhook/" })
class WebhookController {

    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

    static final String REQUEST_ID_HEADER = "X-Request-Id";

    private final VerifyToken verifyToken;
    private final SignatureVerifier signatures;
    private final WebhookPublisher publisher;
    private final WebhookMetrics metrics;
    private final long maxBodyBytes;

    WebhookController(VerifyToken verifyToken, WebhookPublisher publisher, WebhookMetrics metrics,
            IngestProperties properties) {
        this.verifyToken = verifyToken;
        this.signatures = new SignatureVerifier(properties.appSecrets());
        this.publisher = publisher;
        this.metrics = metrics;
        this.maxBodyBytes = properties.maxBodySize().toBytes();
    }

    @GetMapping
    ResponseEntity<?> verify(@RequestParam("hub.mode") String mode, @RequestParam("hub.challenge") String challenge,
            @RequestParam("hub.verify_token") String token) {
        if (!"subscribe".equals(mode) || !verifyToken.matches(token)) {
            metrics.count(WebhookOutcome.HANDSHAKE_FAILED);
            log.warn("Webhook verification failed: {}", "subscribe".equals(mode) ? "verify token does not match"
                    : "hub.mode is not subscribe");
            return Problems.of(HttpStatus.FORBIDDEN, "verify token does not match", null);
        }
        metrics.count(WebhookOutcome.HANDSHAKE_OK);
        log.info("Webhook verified successfully");
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(challenge);
    }

    @PostMapping
    CompletableFuture<ResponseEntity<?>> receive(HttpServletRequest request,
            @RequestHeader(name = WebhookHeaders.SIGNATURE, required = false) String signature) throws IOException {
        long start = System.nanoTime();
        String requestId = UUID.randomUUID().toString();
        if (signature == null || signature.isBlank()) {
            return reject(WebhookOutcome.SIGNATURE_MISSING, HttpStatus.UNAUTHORIZED,
                    "X-Hub-Signature-256 header is missing", requestId);
        }
        byte[] body = BoundedBody.read(request, maxBodyBytes);
        if (body == null) {
            return reject(WebhookOutcome.TOO_LARGE, HttpStatus.CONTENT_TOO_LARGE,
                    "body is larger than " + maxBodyBytes + " bytes", requestId);
        }
        SignatureCheck check = signatures.verify(body, signature);
        if (check != SignatureCheck.VALID) {
            return reject(WebhookOutcome.SIGNATURE_INVALID, HttpStatus.FORBIDDEN,
                    check == SignatureCheck.MALFORMED ? "signature is not sha256=<64 hex digits>"
                            : "signature does not match the body", requestId);
        }
        WebhookReceived webhook = new WebhookReceived(body, signature, requestId, Instant.now());
        return publisher.publish(webhook, start).handle((sent, failure) -> answer(webhook, sent, failure, start));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<?> handshakeWithoutParameters(MissingServletRequestParameterException missing) {
        metrics.count(WebhookOutcome.HANDSHAKE_FAILED);
        log.warn("Webhook verification failed: {} is missing", missing.getParameterName());
        return Problems.of(HttpStatus.BAD_REQUEST, missing.getParameterName() + " is missing", null);
    }

    private ResponseEntity<?> answer(WebhookReceived webhook, SendResult<String, byte[]> sent, Throwable failure,
            long start) {
        if (failure != null) {
            metrics.count(WebhookOutcome.KAFKA_UNAVAILABLE);
            log.warn("Webhook {} not kept, answering 503 so Meta retries: {}", webhook.requestId(), failure.toString());
            return Problems.unavailable("Kafka did not acknowledge the webhook in time; retry", webhook.requestId());
        }
        metrics.count(WebhookOutcome.ACCEPTED);
        metrics.published(start);
        log.debug("Webhook {} ({} bytes) kept at {}-{}@{}", webhook.requestId(), webhook.body().length,
                sent.getRecordMetadata().topic(), sent.getRecordMetadata().partition(), sent.getRecordMetadata().offset());
        return ResponseEntity.ok().header(REQUEST_ID_HEADER, webhook.requestId())
                .contentType(MediaType.TEXT_PLAIN).body("EVENT_RECEIVED");
    }

    private CompletableFuture<ResponseEntity<?>> reject(WebhookOutcome outcome, HttpStatus status, String reason,
            String requestId) {
        metrics.count(outcome);
        log.warn("Webhook {} rejected with {}: {}", requestId, status.value(), reason);
        return CompletableFuture.completedFuture(Problems.of(status, reason, requestId));
    }
}
