package io.wapipeline.worker.media;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Download metrics ({@code whatsapp_media_downloads_total{outcome}}, bytes, latency, jobs waiting) and the state of
 * the Graph API token, which health reports and which is logged once per interval while it is rejected.
 */
final class MediaMetrics {

    private static final Logger log = LoggerFactory.getLogger(MediaMetrics.class);

    private final MeterRegistry registry;
    private final Counter bytes;
    private final Timer latency;
    private final AtomicLong waiting = new AtomicLong();
    private final Duration warningInterval;
    private volatile Instant tokenRejectedSince;
    private volatile String tokenRejection;
    private volatile Instant lastWarning = Instant.EPOCH;

    MediaMetrics(MeterRegistry registry, Duration warningInterval) {
        this.registry = registry;
        this.warningInterval = warningInterval;
        this.bytes = Counter.builder("whatsapp.media.download.bytes").description("Bytes of media stored").register(registry);
        this.latency = Timer.builder("whatsapp.media.download").description("Time to look up, download and store a file")
                .publishPercentileHistogram().register(registry);
        Gauge.builder("whatsapp.media.jobs.waiting", waiting, AtomicLong::get)
                .description("Download jobs pending, downloading or waiting for a token").register(registry);
        Gauge.builder("whatsapp.media.token.rejected", this, metrics -> metrics.tokenRejectedSince == null ? 0 : 1)
                .description("1 while the Graph API rejects WHATSAPP_ACCESS_TOKEN and downloads wait for a valid one").register(registry);
        // every outcome has a series from the start, so rates and alerts read 0 rather than nothing
        OUTCOMES.forEach(outcome -> Counter.builder("whatsapp.media.downloads").description("Download attempts by outcome")
                .tag("outcome", outcome).register(registry));
    }

    /** What a download attempt can end in: the file stored, tried again later, or the job's end state. */
    static final java.util.List<String> OUTCOMES = java.util.List.of("stored", "retry", "waiting_for_token", "expired", "failed");

    void outcome(String outcome) {
        Counter.builder("whatsapp.media.downloads").description("Download attempts by outcome").tag("outcome", outcome)
                .register(registry).increment();
    }

    void stored(long size, long nanos) {
        outcome("stored");
        bytes.increment(size);
        latency.record(nanos, TimeUnit.NANOSECONDS);
        tokenAccepted();
    }

    void waiting(long jobs) {
        waiting.set(jobs);
    }

    void tokenAccepted() {
        if (tokenRejectedSince != null) {
            log.info("Graph API accepts WHATSAPP_ACCESS_TOKEN again; media downloads resume");
        }
        tokenRejectedSince = null;
    }

    void tokenRejected(String reason) {
        outcome("waiting_for_token");
        Instant now = Instant.now();
        if (tokenRejectedSince == null) {
            tokenRejectedSince = now;
        }
        tokenRejection = reason;
        if (Duration.between(lastWarning, now).compareTo(warningInterval) >= 0) {
            lastWarning = now;
            log.warn("Graph API rejected WHATSAPP_ACCESS_TOKEN ({}); {} media downloads wait and retry every {}s until a valid token is set",
                    io.wapipeline.service.logging.LogText.escape(reason), waiting.get(), warningInterval.toSeconds());
        }
    }

    Instant tokenRejectedSince() {
        return tokenRejectedSince;
    }

    String tokenRejection() {
        return tokenRejection;
    }

    long waitingJobs() {
        return waiting.get();
    }
}
