package io.wapipeline.worker.media;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Claims due download jobs every poll interval, as many as this instance has free download slots, and runs them on
 * its own threads, so downloads never slow message storage. On shutdown, jobs still running are handed back at once
 * rather than left to their lease.
 */
final class MediaDownloads implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MediaDownloads.class);

    private final MediaJobRepository jobs;
    private final MediaDownloader downloader;
    private final MediaProperties properties;
    private final MediaMetrics metrics;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private ExecutorService workers;
    private volatile boolean running;

    MediaDownloads(MediaJobRepository jobs, MediaDownloader downloader, MediaProperties properties, MediaMetrics metrics) {
        this.jobs = jobs;
        this.downloader = downloader;
        this.properties = properties;
        this.metrics = metrics;
    }

    @Scheduled(fixedDelayString = "${whatsapp.media.poll-interval:1s}")
    void claimDueJobs() {
        if (!running) {
            return;
        }
        try {
            metrics.waiting(jobs.waiting());
            int free = properties.concurrency() - inFlight.size();
            if (free > 0) {
                jobs.claim(free, properties.lease()).forEach(this::run);
            }
        }
        catch (RuntimeException databaseTrouble) {
            log.warn("Could not claim media download jobs: {}", databaseTrouble.toString());
        }
    }

    private void run(MediaJob job) {
        inFlight.add(job.mediaId());
        workers.execute(() -> {
            try {
                downloader.attempt(job);
            }
            finally {
                inFlight.remove(job.mediaId());
            }
        });
    }

    @Override
    public void start() {
        workers = Executors.newFixedThreadPool(properties.concurrency(), runnable -> {
            Thread thread = new Thread(runnable, "media-download");
            thread.setDaemon(true);
            return thread;
        });
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        workers.shutdownNow();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
        List<String> unfinished = List.copyOf(inFlight);
        unfinished.forEach(mediaId -> jobs.release(mediaId, Duration.ZERO));
        if (!unfinished.isEmpty()) {
            log.info("Handed back {} unfinished media downloads", unfinished.size());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
