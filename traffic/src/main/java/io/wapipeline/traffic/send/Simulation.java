package io.wapipeline.traffic.send;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import io.wapipeline.traffic.compose.Post;
import io.wapipeline.traffic.compose.PostSource;
import io.wapipeline.traffic.compose.SignedBody;
import io.wapipeline.traffic.compose.Traffic;
import io.wapipeline.traffic.report.AnswerLog;
import io.wapipeline.traffic.report.Answers;
import io.wapipeline.traffic.report.Progress;
import io.wapipeline.traffic.report.ProgressTicker;
import io.wapipeline.traffic.report.SentCounts;
import io.wapipeline.traffic.report.SimulationReport;

/**
 * Sends a run of simulated webhooks and reports on it: {@code wa-ops simulate}, and the entry point for benchmarks and
 * end-to-end tests, e.g. {@code Simulation.run(new SimulationSettings(url, secret, Load.count(50), Traffic.of(Mix.MIXED)))}.
 * One thread generates, signs and paces the POSTs; the HTTP client's threads record the answers.
 */
public final class Simulation {

    private final SimulationSettings settings;
    private final AnswerLog answerLog;
    private final SentCounts sent = new SentCounts();
    private final Answers answers = new Answers();
    private volatile boolean stopped;
    private volatile Thread sender;

    public Simulation(SimulationSettings settings) {
        this(settings, AnswerLog.NONE);
    }

    /** The same, each answer also written to {@code answerLog} as it arrives. */
    public Simulation(SimulationSettings settings, AnswerLog answerLog) {
        this.settings = settings;
        this.answerLog = answerLog;
    }

    /** Runs to the end of the count or duration and returns the report. */
    public static SimulationReport run(SimulationSettings settings) {
        return new Simulation(settings).run(progress -> { });
    }

    /** Runs to the end of the count or duration (or {@link #stop()}), giving {@code listener} a snapshot each second. */
    public SimulationReport run(Consumer<Progress> listener) {
        sender = Thread.currentThread();
        long start = System.nanoTime();
        ProgressTicker ticker = ProgressTicker.start(sent, answers, start, listener);
        try {
            sendAll(posts(settings), start);
        }
        finally {
            ticker.close();
            sender = null;
            Thread.interrupted(); // a stop() that came after the last request must not leak into the caller
        }
        return report(Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * The bodies a run with these settings would send, in order, signed, without sending them: for load generators
     * that send by themselves ({@code wrk}) and for preloading Kafka. Ends after the count and its re-deliveries;
     * without a count it never ends.
     */
    public static java.util.Iterator<SignedBody> bodies(SimulationSettings settings) {
        PostSource posts = posts(settings);
        return new java.util.Iterator<>() {
            private Post next = posts.next();

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public SignedBody next() {
                if (next == null) {
                    throw new java.util.NoSuchElementException();
                }
                Post post = next;
                next = posts.next();
                return new SignedBody(post.body(), post.signature(), post.messages(), post.statuses(), post.redelivery());
            }
        };
    }

    /** Stops sending; the run then waits for the answers to what is in flight and returns its report. Thread-safe. */
    public void stop() {
        stopped = true;
        Thread running = sender;
        if (running != null) {
            running.interrupt();
        }
    }

    private void sendAll(PostSource posts, long start) {
        Load load = settings.load();
        Semaphore inFlight = new Semaphore(load.concurrency());
        WebhookSender webhooks = new WebhookSender(settings.url(), load.timeout(), answers, answerLog);
        try {
            send(posts, Pacer.of(load, start), inFlight, webhooks, deadline(load, start));
        }
        catch (InterruptedException stop) {
            stopped = true;
        }
        inFlight.acquireUninterruptibly(load.concurrency());
    }

    private void send(PostSource posts, Pacer pacer, Semaphore inFlight, WebhookSender webhooks, long deadline)
            throws InterruptedException {
        for (Post post = posts.next(); post != null && !stopped; post = posts.next()) {
            OptionalLong latencyOrigin = pacer.awaitTurn(inFlight, deadline);
            if (latencyOrigin.isEmpty()) {
                return;
            }
            sent.add(post);
            webhooks.send(post, latencyOrigin.getAsLong(), inFlight::release);
        }
    }

    /** The end of a {@code --duration} run; for a {@code --count} run, a time that never comes. */
    private static long deadline(Load load, long start) {
        return load.duration() == null ? start + Long.MAX_VALUE : start + load.duration().toNanos();
    }

    private SimulationReport report(Duration elapsed) {
        Traffic traffic = settings.traffic();
        return new SimulationReport(traffic.runId(), traffic.seed(), sent.posts(), sent.redeliveries(), sent.messages(),
                sent.statuses(), answers.byStatus(), answers.errorsByKind(), elapsed, answers.latencyMicros(),
                answers.inboundIds(), answers.outboundIds());
    }

    private static PostSource posts(SimulationSettings settings) {
        return PostSource.of(settings.traffic(), settings.appSecret(), settings.load().count(), () -> System.currentTimeMillis() / 1000);
    }
}
