package io.wapipeline.ingest.webhook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.support.SendResult;

import io.wapipeline.ingest.config.IngestProperties;
import io.wapipeline.ingest.webhook.WebhookPublisher.WebhookReceived;
import io.wapipeline.model.WebhookHeaders;
import io.wapipeline.model.signature.SignatureCheck;
import io.wapipeline.model.signature.SignatureVerifier;
import io.wapipeline.service.logging.RateLimitedLog;
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

    static final String NO_SNIFF = "X-Content-Type-Options";

    private static final byte[] EVENT_RECEIVED = "EVENT_RECEIVED".getBytes(StandardCharsets.US_ASCII);

    private final transient VerifyToken verifyToken;
    private final transient SignatureVerifier signatures;
    private final transient WebhookPublisher publisher;
    private final transient WebhookMetrics metrics;
    private final long maxBodyBytes;
    private final long bodyTimeoutMillis;
    private final long asyncTimeoutMillis;
    private final transient UnverifiedBodies unauthenticated;
    private final transient ScheduledExecutorService deadlines;
    /** During an outage every POST is a 503: one line per 10 s says so, with how many were not logged. */
    private final transient Throttle unavailableWarnings = new Throttle(java.time.Duration.ofSeconds(10));
    /**
     * Anyone can send a request that is refused: each kind of refusal is logged once a minute at most, with how many
     * were held back; {@code whatsapp_webhook_requests_total{outcome}} counts every one.
     */
    private final transient Map<WebhookOutcome, RateLimitedLog> refusals = new EnumMap<>(WebhookOutcome.class);

    WebhookServlet(VerifyToken verifyToken, WebhookPublisher publisher, WebhookMetrics metrics,
            IngestProperties properties) {
        this.verifyToken = verifyToken;
        this.signatures = new SignatureVerifier(properties.appSecrets());
        this.publisher = publisher;
        this.metrics = metrics;
        this.maxBodyBytes = properties.maxBodySize().toBytes();
        this.bodyTimeoutMillis = properties.bodyTimeout().toMillis();
        // The body deadline and the publish timeout answer first; the container's own timeout is a safety net behind them.
        this.asyncTimeoutMillis = bodyTimeoutMillis + properties.publishTimeout().toMillis() + 5_000;
        this.unauthenticated = new UnverifiedBodies(properties.unauthenticatedBuffer().toBytes(), properties.maxUnverifiedBodies());
        this.deadlines = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "webhook-body-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        metrics.unverified(unauthenticated::used, unauthenticated::arriving);
        for (WebhookOutcome outcome : WebhookOutcome.values()) {
            refusals.put(outcome, new RateLimitedLog(log));
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String mode = request.getParameter("hub.mode");
        String challenge = request.getParameter("hub.challenge");
        String token = request.getParameter("hub.verify_token");
        String missing = mode == null ? "hub.mode" : challenge == null ? "hub.challenge" : token == null ? "hub.verify_token" : null;
        if (missing != null) {
            metrics.count(WebhookOutcome.HANDSHAKE_FAILED);
            refusals.get(WebhookOutcome.HANDSHAKE_FAILED).warn("Webhook verification failed: {} is missing", missing);
            write(request, response, Problems.of(HttpStatus.BAD_REQUEST, missing + " is missing", null));
            return;
        }
        if (!"subscribe".equals(mode) || !verifyToken.matches(token)) {
            metrics.count(WebhookOutcome.HANDSHAKE_FAILED);
            String problem = "subscribe".equals(mode) ? "verify token does not match" : "hub.mode is not subscribe";
            refusals.get(WebhookOutcome.HANDSHAKE_FAILED).warn("Webhook verification failed: {}", problem);
            write(request, response, Problems.of(HttpStatus.FORBIDDEN, problem, null));
            return;
        }
        metrics.count(WebhookOutcome.HANDSHAKE_OK);
        log.info("Webhook verified successfully");
        response.setContentType(MediaType.TEXT_PLAIN_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8);
        // The challenge is the caller's text echoed back: no browser may take it for HTML or script.
        response.setHeader(NO_SNIFF, "nosniff");
        response.getWriter().write(challenge);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long start = System.nanoTime();
        String requestId = UUID.randomUUID().toString();
        String signature = request.getHeader(WebhookHeaders.SIGNATURE);
        if (signature == null || signature.isBlank()) {
            reject(request, response, WebhookOutcome.SIGNATURE_MISSING, HttpStatus.UNAUTHORIZED,
                    "X-Hub-Signature-256 header is missing", requestId);
            return;
        }
        if (!unauthenticated.admit()) {
            response.setHeader(HttpHeaders.CONNECTION, "close");
            reject(request, response, WebhookOutcome.BUFFER_FULL, Problems.unavailable(
                    "too many unverified bodies are arriving at once; retry", requestId), requestId);
            return;
        }
        Exchange exchange = new Exchange(request.startAsync(), signature, requestId, start);
        BodyReader reader = new BodyReader(request.getInputStream(), request.getContentLengthLong(), maxBodyBytes,
                unauthenticated, exchange);
        exchange.deadline = deadlines.schedule(reader::timedOut, bodyTimeoutMillis, TimeUnit.MILLISECONDS);
        request.getInputStream().setReadListener(reader);
    }

    @Override
    public void destroy() {
        deadlines.shutdownNow();
        super.destroy();
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
                write(request, response, Problems.of(HttpStatus.METHOD_NOT_ALLOWED,
                        "Method '" + request.getMethod() + "' is not supported.", null));
            }
        }
    }

    private void reject(HttpServletRequest request, HttpServletResponse response, WebhookOutcome outcome, HttpStatus status, String reason,
            String requestId) throws IOException {
        reject(request, response, outcome, Problems.of(status, reason, requestId), requestId);
    }

    private void reject(HttpServletRequest request, HttpServletResponse response, WebhookOutcome outcome, ResponseEntity<ProblemDetail> problem,
            String requestId) throws IOException {
        metrics.count(outcome);
        refusals.get(outcome).warn("Webhook {} rejected with {}: {}", requestId, problem.getStatusCode().value(),
                problem.getBody().getDetail());
        write(request, response, problem);
    }

    /** Writes the problem, with the request's path as its {@code instance} as Spring MVC's answers have it. */
    private static void write(HttpServletRequest request, HttpServletResponse response, ResponseEntity<ProblemDetail> problem)
            throws IOException {
        Problems.write(problem, request.getRequestURI(), response);
    }

    /**
     * One signed POST, from its headers to its answer, without a container thread waiting on the client or on Kafka:
     * the body arrives through a {@link BodyReader}, is checked, and waits for Kafka's acknowledgement, which arrives
     * on the producer's I/O thread (or the timeout's); that thread must never block on a client's socket, so answers
     * are written on a container thread. The first of answer, container timeout and connection error wins.
     */
    private final class Exchange implements AsyncListener, BodyReader.Outcome {

        private final AsyncContext async;
        private final String signature;
        private final String requestId;
        private final long start;
        private final AtomicBoolean answered = new AtomicBoolean();
        private volatile WebhookReceived webhook;
        private volatile ScheduledFuture<?> deadline;

        Exchange(AsyncContext async, String signature, String requestId, long start) {
            this.async = async;
            this.signature = signature;
            this.requestId = requestId;
            this.start = start;
            async.setTimeout(asyncTimeoutMillis);
            async.addListener(this);
        }

        /** On a container thread: the whole body is here, within its deadline and the budget. */
        @Override
        public void read(byte[] body) {
            cancelDeadline();
            SignatureCheck check = signatures.verify(body, signature);
            if (check != SignatureCheck.VALID) {
                refuse(WebhookOutcome.SIGNATURE_INVALID, Problems.of(HttpStatus.FORBIDDEN, check == SignatureCheck.MALFORMED
                        ? "signature is not sha256=<64 hex digits>" : "signature does not match the body", requestId), false);
                return;
            }
            webhook = new WebhookReceived(body, signature, requestId, Instant.now());
            publisher.publish(webhook, start).whenComplete(this::acknowledged);
        }

        /** On a container thread, or the deadline's: the body will not be read. */
        @Override
        public void refused(BodyReader.Refusal refusal) {
            cancelDeadline();
            switch (refusal) {
                case TOO_LARGE -> refuse(WebhookOutcome.TOO_LARGE, Problems.of(HttpStatus.CONTENT_TOO_LARGE,
                        "body is larger than " + maxBodyBytes + " bytes", requestId), true);
                case TIMED_OUT -> refuse(WebhookOutcome.BODY_TIMEOUT, Problems.of(HttpStatus.REQUEST_TIMEOUT,
                        "the body did not arrive within " + bodyTimeoutMillis + " ms", requestId), true);
                case OVER_BUDGET -> refuse(WebhookOutcome.BUFFER_FULL, Problems.unavailable(
                        "too many unverified bodies are arriving at once; retry", requestId), true);
                case FAILED -> {
                    if (answered.compareAndSet(false, true)) {
                        log.debug("Webhook {}: the connection failed while its body arrived", requestId);
                        async.complete();
                    }
                }
            }
        }

        private void refuse(WebhookOutcome outcome, ResponseEntity<ProblemDetail> problem, boolean closeConnection) {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            async.start(() -> {
                HttpServletResponse response = (HttpServletResponse) async.getResponse();
                try {
                    metrics.count(outcome);
                    refusals.get(outcome).warn("Webhook {} rejected with {}: {}", requestId, problem.getStatusCode().value(),
                            problem.getBody().getDetail());
                    if (closeConnection) {
                        // The rest of the body is not wanted: the connection closes instead of reading it.
                        response.setHeader(HttpHeaders.CONNECTION, "close");
                    }
                    write((HttpServletRequest) async.getRequest(), response, problem);
                }
                catch (IOException | RuntimeException e) {
                    log.debug("Webhook {}: the answer could not be written (client gone?): {}", requestId, e.toString());
                }
                finally {
                    async.complete();
                }
            });
        }

        private void cancelDeadline() {
            ScheduledFuture<?> scheduled = deadline;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
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
                    write((HttpServletRequest) async.getRequest(), response, Problems.unavailable("Kafka did not acknowledge the webhook in time; retry",
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
            if (webhook != null && answered.compareAndSet(false, true)) {
                answer(null, new TimeoutException("no acknowledgement from Kafka in " + asyncTimeoutMillis + " ms"));
            }
            else if (answered.compareAndSet(false, true)) {
                async.complete();
            }
        }

        @Override
        public void onError(AsyncEvent event) {
            if (answered.compareAndSet(false, true)) {
                log.debug("Webhook {}: the connection failed before the answer: {}", requestId, String.valueOf(event.getThrowable()));
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
