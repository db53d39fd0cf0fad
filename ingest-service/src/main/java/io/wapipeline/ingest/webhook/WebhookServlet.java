package io.wapipeline.ingest.webhook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.kafka.support.SendResult;

import io.wapipeline.ingest.config.IngestProperties;
import io.wapipeline.ingest.webhook.WebhookPublisher.WebhookReceived;
import io.wapipeline.model.WebhookHeaders;
import io.wapipeline.model.signature.SignatureCheck;
import io.wapipeline.model.signature.SignatureVerifier;
import io.wapipeline.service.logging.Throttle;
import io.wapipeline.service.problem.Problems;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Meta's webhook endpoint, with and without the trailing slash. GET is the verification handshake (Meta signs
 * nothing there); POST is a signed delivery, answered 200 only once Kafka holds it.
 * <p>
 * A plain asynchronous servlet rather than a Spring MVC controller: MVC answers an asynchronous result by dispatching
 * the request through the filter chain and the DispatcherServlet a second time, which was 29 % of the ingest's CPU
 * under load (async-profiler, docs/benchmarks.md). Here the acknowledgement writes the answer directly, on a
 * container thread, and the error bodies are the same {@link Problems} as everywhere else.
 */
class WebhookServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final Logger log = LoggerFactory.getLogger(WebhookServlet.class);

    static final String REQUEST_ID_HEADER = "X-Request-Id";

    private static final byte[] EVENT_RECEIVED = "EVENT_RECEIVED".getBytes(StandardCharsets.US_ASCII);

    /** Spring's own converter, so that problem bodies are exactly what Spring MVC writes elsewhere. */
    private static final JacksonJsonHttpMessageConverter JSON = new JacksonJsonHttpMessageConverter();

    private final transient VerifyToken verifyToken;
    private final transient SignatureVerifier signatures;
    private final transient WebhookPublisher publisher;
    private final transient WebhookMetrics metrics;
    private final long maxBodyBytes;
    private final long asyncTimeoutMillis;
    /** During an outage every POST is a 503: one line per 10 s says so, with how many were not logged. */
    private final transient Throttle unavailableWarnings = new Throttle(java.time.Duration.ofSeconds(10));

    WebhookServlet(VerifyToken verifyToken, WebhookPublisher publisher, WebhookMetrics metrics,
            IngestProperties properties) {
        this.verifyToken = verifyToken;
        this.signatures = new SignatureVerifier(properties.appSecrets());
        this.publisher = publisher;
        this.metrics = metrics;
        this.maxBodyBytes = properties.maxBodySize().toBytes();
        // The publisher gives up at the publish timeout; the container's own timeout is only a safety net behind it.
        this.asyncTimeoutMillis = properties.publishTimeout().toMillis() + 5_000;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String mode = request.getParameter("hub.mode");
        String challenge = request.getParameter("hub.challenge");
        String token = request.getParameter("hub.verify_token");
        String missing = mode == null ? "hub.mode" : challenge == null ? "hub.challenge" : token == null ? "hub.verify_token" : null;
        if (missing != null) {
            metrics.count(WebhookOutcome.HANDSHAKE_FAILED);
            log.warn("Webhook verification failed: {} is missing", missing);
            write(response, Problems.of(HttpStatus.BAD_REQUEST, missing + " is missing", null));
            return;
        }
        if (!"subscribe".equals(mode) || !verifyToken.matches(token)) {
            metrics.count(WebhookOutcome.HANDSHAKE_FAILED);
            log.warn("Webhook verification failed: {}", "subscribe".equals(mode) ? "verify token does not match"
                    : "hub.mode is not subscribe");
            write(response, Problems.of(HttpStatus.FORBIDDEN, "verify token does not match", null));
            return;
        }
        metrics.count(WebhookOutcome.HANDSHAKE_OK);
        log.info("Webhook verified successfully");
        response.setContentType(MediaType.TEXT_PLAIN_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8);
        response.getWriter().write(challenge);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long start = System.nanoTime();
        String requestId = UUID.randomUUID().toString();
        String signature = request.getHeader(WebhookHeaders.SIGNATURE);
        if (signature == null || signature.isBlank()) {
            reject(response, WebhookOutcome.SIGNATURE_MISSING, HttpStatus.UNAUTHORIZED,
                    "X-Hub-Signature-256 header is missing", requestId);
            return;
        }
        byte[] body = BoundedBody.read(request, maxBodyBytes);
        if (body == null) {
            reject(response, WebhookOutcome.TOO_LARGE, HttpStatus.CONTENT_TOO_LARGE,
                    "body is larger than " + maxBodyBytes + " bytes", requestId);
            return;
        }
        SignatureCheck check = signatures.verify(body, signature);
        if (check != SignatureCheck.VALID) {
            reject(response, WebhookOutcome.SIGNATURE_INVALID, HttpStatus.FORBIDDEN,
                    check == SignatureCheck.MALFORMED ? "signature is not sha256=<64 hex digits>"
                            : "signature does not match the body", requestId);
            return;
        }
        WebhookReceived webhook = new WebhookReceived(body, signature, requestId, Instant.now());
        Answer answer = new Answer(request.startAsync(), webhook, start);
        publisher.publish(webhook, start).whenComplete(answer::acknowledged);
    }

    /**
     * Everything but GET, HEAD, POST and OPTIONS: 405 with the allowed methods, in the service's one error body
     * (the servlet default would be Tomcat's HTML error page).
     */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws jakarta.servlet.ServletException, IOException {
        switch (request.getMethod()) {
            case "GET", "HEAD", "POST", "OPTIONS" -> super.service(request, response);
            default -> {
                response.setHeader(HttpHeaders.ALLOW, "GET, HEAD, POST, OPTIONS");
                write(response, Problems.of(HttpStatus.METHOD_NOT_ALLOWED,
                        "Method '" + request.getMethod() + "' is not supported.", null));
            }
        }
    }

    private void reject(HttpServletResponse response, WebhookOutcome outcome, HttpStatus status, String reason,
            String requestId) throws IOException {
        metrics.count(outcome);
        log.warn("Webhook {} rejected with {}: {}", requestId, status.value(), reason);
        write(response, Problems.of(status, reason, requestId));
    }

    private static void write(HttpServletResponse response, ResponseEntity<ProblemDetail> problem) throws IOException {
        response.setStatus(problem.getStatusCode().value());
        problem.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        ServletServerHttpResponse out = new ServletServerHttpResponse(response);
        JSON.write(problem.getBody(), MediaType.APPLICATION_PROBLEM_JSON, out);
        out.flush();
    }

    /**
     * One accepted webhook waiting for Kafka. The acknowledgement arrives on the producer's I/O thread (or the
     * timeout's), which must never block on a client's socket, so the answer is written on a container thread. The
     * first of acknowledgement, container timeout and connection error answers; the others do nothing.
     */
    private final class Answer implements AsyncListener {

        private final AsyncContext async;
        private final WebhookReceived webhook;
        private final long start;
        private final AtomicBoolean answered = new AtomicBoolean();

        Answer(AsyncContext async, WebhookReceived webhook, long start) {
            this.async = async;
            this.webhook = webhook;
            this.start = start;
            async.setTimeout(asyncTimeoutMillis);
            async.addListener(this);
        }

        void acknowledged(SendResult<String, byte[]> sent, Throwable failure) {
            if (answered.compareAndSet(false, true)) {
                async.start(() -> answer(sent, failure));
            }
        }

        private void answer(SendResult<String, byte[]> sent, Throwable failure) {
            HttpServletResponse response = (HttpServletResponse) async.getResponse();
            try {
                if (failure != null) {
                    metrics.count(WebhookOutcome.KAFKA_UNAVAILABLE);
                    long heldBack = unavailableWarnings.pass();
                    if (heldBack >= 0) {
                        log.warn("Webhook {} not kept, answering 503 so Meta retries: {}{}", webhook.requestId(),
                                failure.toString(), heldBack > 0 ? " (" + heldBack + " more 503s since the last such line)" : "");
                    }
                    write(response, Problems.unavailable("Kafka did not acknowledge the webhook in time; retry",
                            webhook.requestId()));
                    return;
                }
                metrics.count(WebhookOutcome.ACCEPTED);
                metrics.published(start);
                log.debug("Webhook {} ({} bytes) kept at {}-{}@{}", webhook.requestId(), webhook.body().length,
                        sent.getRecordMetadata().topic(), sent.getRecordMetadata().partition(),
                        sent.getRecordMetadata().offset());
                response.setStatus(HttpServletResponse.SC_OK);
                response.setHeader(REQUEST_ID_HEADER, webhook.requestId());
                response.setContentType(MediaType.TEXT_PLAIN_VALUE);
                response.setContentLength(EVENT_RECEIVED.length);
                response.getOutputStream().write(EVENT_RECEIVED);
            }
            catch (IOException | RuntimeException e) {
                log.debug("Webhook {}: the answer could not be written (client gone?): {}", webhook.requestId(),
                        e.toString());
            }
            finally {
                async.complete();
            }
        }

        /** On a container thread that must answer before it returns, so the answer is written right here. */
        @Override
        public void onTimeout(AsyncEvent event) {
            if (answered.compareAndSet(false, true)) {
                answer(null, new TimeoutException("no acknowledgement from Kafka in " + asyncTimeoutMillis + " ms"));
            }
        }

        @Override
        public void onError(AsyncEvent event) {
            if (answered.compareAndSet(false, true)) {
                log.debug("Webhook {}: the connection failed before the answer: {}", webhook.requestId(),
                        String.valueOf(event.getThrowable()));
                async.complete();
            }
        }

        @Override
        public void onComplete(AsyncEvent event) {
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
        }
    }
}
