package io.wapipeline.traffic.report;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Hands a {@link Progress} snapshot to a listener once a second, on its own daemon thread, until closed. */
public final class ProgressTicker implements AutoCloseable {

    private static final long PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final SentCounts sent;
    private final Answers answers;
    private final long startNanos;
    private final Consumer<Progress> listener;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "simulate-progress");
        thread.setDaemon(true);
        return thread;
    });
    private long lastSent;
    private long lastNanos;

    private ProgressTicker(SentCounts sent, Answers answers, long startNanos, Consumer<Progress> listener) {
        this.sent = sent;
        this.answers = answers;
        this.startNanos = startNanos;
        this.lastNanos = startNanos;
        this.listener = listener;
    }

    public static ProgressTicker start(SentCounts sent, Answers answers, long startNanos, Consumer<Progress> listener) {
        ProgressTicker ticker = new ProgressTicker(sent, answers, startNanos, listener);
        ticker.scheduler.scheduleAtFixedRate(ticker::tick, PERIOD_NANOS, PERIOD_NANOS, TimeUnit.NANOSECONDS);
        return ticker;
    }

    private void tick() {
        long now = System.nanoTime();
        long posts = sent.posts();
        double rate = (posts - lastSent) * 1e9 / Math.max(1, now - lastNanos);
        lastSent = posts;
        lastNanos = now;
        listener.accept(new Progress(Duration.ofNanos(now - startNanos), posts, answers.outcomes(), rate));
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
