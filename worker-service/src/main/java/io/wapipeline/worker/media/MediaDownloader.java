package io.wapipeline.worker.media;

import io.wapipeline.service.logging.LogText;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt at one job: look the media id up, download the file to a partial file, check its size and SHA-256,
 * move it into place, and record the outcome. Every failure ends in a state: retried later with backoff and jitter,
 * waiting for a valid token, {@code expired}, or {@code failed} with the last reason.
 */
final class MediaDownloader {

    private static final Logger log = LoggerFactory.getLogger(MediaDownloader.class);

    private final GraphMediaClient graph;
    private final MediaStore store;
    private final MediaJobRepository jobs;
    private final MediaProperties properties;
    private final MediaMetrics metrics;
    private final ScheduledExecutorService watchdog;

    MediaDownloader(GraphMediaClient graph, MediaStore store, MediaJobRepository jobs, MediaProperties properties,
            MediaMetrics metrics, ScheduledExecutorService watchdog) {
        this.graph = graph;
        this.store = store;
        this.jobs = jobs;
        this.properties = properties;
        this.metrics = metrics;
        this.watchdog = watchdog;
    }

    void attempt(MediaJob job) {
        long start = System.nanoTime();
        if (job.announcedAt().isBefore(Instant.now().minus(properties.mediaIdLifetime()))) {
            finish(job, "expired", "media id is older than " + properties.mediaIdLifetime().toDays() + " days");
            return;
        }
        try {
            StoredFile file = download(job);
            metrics.stored(file.size(), System.nanoTime() - start);
            log.info("Stored media {} of message {} ({} bytes) as {}", LogText.escape(job.mediaId()), LogText.escape(job.messageId()),
                    file.size(), file.relativePath());
        }
        catch (DownloadFailure failure) {
            failed(job, failure);
        }
        catch (IOException | RuntimeException unexpected) {
            failed(job, new DownloadFailure(DownloadFailure.Kind.TRANSIENT, unexpected.toString(), unexpected));
        }
    }

    private StoredFile download(MediaJob job) throws DownloadFailure, IOException {
        MediaLocation location = graph.lookup(job.mediaId());
        metrics.tokenAccepted();
        checkAnnouncedSize(location);
        HttpResponse<InputStream> response;
        try {
            response = graph.open(location.url());
        }
        catch (DownloadFailure expired) {
            if (expired.kind() != DownloadFailure.Kind.URL_EXPIRED) {
                throw expired;
            }
            log.debug("Media URL of {} expired; fetching a fresh one", LogText.escape(job.mediaId()));
            location = graph.lookup(job.mediaId());
            response = graph.open(location.url());
        }
        return save(job, location, response);
    }

    private StoredFile save(MediaJob job, MediaLocation location, HttpResponse<InputStream> response) throws DownloadFailure, IOException {
        Path partial = store.newPartialFile();
        ScheduledFuture<?> timeout = watchdog.schedule(() -> closeQuietly(response.body()),
                properties.downloadTimeout().toMillis(), TimeUnit.MILLISECONDS);
        try (InputStream body = response.body()) {
            MediaStore.Written written = MediaStore.write(body, partial, properties.maxFileSize().toBytes());
            if (written == null) {
                throw new DownloadFailure(DownloadFailure.Kind.PERMANENT, "file is larger than " + properties.maxFileSize());
            }
            verify(written, job, location);
            String mimeType = location.mimeType() != null ? location.mimeType() : job.mimeType();
            StoredFile file = store.keep(partial, written, mimeType);
            jobs.stored(job.mediaId(), file, mimeType);
            return file;
        }
        catch (IOException cutOff) {
            throw new DownloadFailure(DownloadFailure.Kind.TRANSIENT, "download interrupted: " + cutOff, cutOff);
        }
        finally {
            timeout.cancel(false);
            MediaStore.deleteQuietly(partial);
        }
    }

    private void checkAnnouncedSize(MediaLocation location) throws DownloadFailure {
        if (location.fileSize() != null && location.fileSize() > properties.maxFileSize().toBytes()) {
            throw new DownloadFailure(DownloadFailure.Kind.PERMANENT,
                    "file is " + location.fileSize() + " bytes, larger than " + properties.maxFileSize());
        }
    }

    /**
     * The file's SHA-256 must equal a digest Meta announced: the webhook's (base64) or the lookup's (hex). An announced
     * value that is not a digest fails the check rather than skipping it: the webhook's for good (it will never
     * change), the lookup's as a transient failure (the next lookup may give a good one).
     */
    private static void verify(MediaStore.Written written, MediaJob job, MediaLocation location) throws DownloadFailure {
        List<byte[]> announced = new ArrayList<>();
        decode(() -> Base64.getDecoder().decode(job.announcedSha256()), job.announcedSha256(), announced,
                DownloadFailure.Kind.PERMANENT, "the webhook's");
        decode(() -> HexFormat.of().parseHex(location.sha256Hex()), location.sha256Hex(), announced,
                DownloadFailure.Kind.TRANSIENT, "the Graph API's");
        if (!announced.isEmpty() && announced.stream().noneMatch(digest -> MessageDigest.isEqual(digest, written.sha256()))) {
            throw new DownloadFailure(DownloadFailure.Kind.TRANSIENT, "sha256 of the download ("
                    + HexFormat.of().formatHex(written.sha256()) + ") does not match the announced one");
        }
    }

    private static void decode(java.util.function.Supplier<byte[]> decoder, String value, List<byte[]> into,
            DownloadFailure.Kind malformed, String whose) throws DownloadFailure {
        if (value == null || value.isBlank()) {
            return;
        }
        byte[] digest;
        try {
            digest = decoder.get();
        }
        catch (IllegalArgumentException notADigest) {
            digest = new byte[0];
        }
        if (digest.length != 32) {
            throw new DownloadFailure(malformed, whose + " sha256 is not a SHA-256 digest, so the file cannot be verified: "
                    + (value.length() <= 80 ? value : value.substring(0, 80) + "…"));
        }
        into.add(digest);
    }

    private void failed(MediaJob job, DownloadFailure failure) {
        switch (failure.kind()) {
            case TOKEN_REJECTED -> {
                jobs.waitForToken(job.mediaId(), failure.getMessage(), properties.tokenRetryInterval());
                metrics.tokenRejected(failure.getMessage());
            }
            case PERMANENT -> finish(job, "failed", failure.getMessage());
            default -> retryOrFail(job, failure.getMessage());
        }
    }

    private void retryOrFail(MediaJob job, String reason) {
        if (job.attempts() >= properties.maxAttempts()) {
            finish(job, "failed", "gave up after " + job.attempts() + " attempts: " + reason);
            return;
        }
        Duration delay = backoff(job.attempts());
        jobs.retryLater(job.mediaId(), reason, delay);
        metrics.outcome("retry");
        log.warn("Media {} attempt {} failed, retrying in {} ms: {}", LogText.escape(job.mediaId()), job.attempts(), delay.toMillis(),
                LogText.escape(reason));
    }

    private void finish(MediaJob job, String state, String reason) {
        jobs.finish(job.mediaId(), state, reason);
        metrics.outcome(state);
        log.warn("Media {} of message {} ended {}: {}", LogText.escape(job.mediaId()), LogText.escape(job.messageId()), state,
                LogText.escape(reason));
    }

    /** Exponential backoff with full jitter between half and all of the step, capped. */
    private Duration backoff(int attempts) {
        long step = properties.retryInitial().toMillis() << Math.min(attempts - 1, 20);
        long capped = Math.min(step, properties.retryMax().toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        }
        catch (IOException alreadyClosed) {
            log.trace("Download body already closed: {}", alreadyClosed.toString());
        }
    }
}
