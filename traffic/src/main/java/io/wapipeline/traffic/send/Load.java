package io.wapipeline.traffic.send;

import java.time.Duration;
import io.wapipeline.traffic.compose.Require;

/**
 * How much a simulation sends and how fast.
 *
 * @param count       fresh webhook POSTs to send (re-deliveries come on top); 0 when {@code duration} bounds the run
 * @param duration    how long to send; null when {@code count} bounds the run
 * @param rate        intended POSTs per second, an open loop; 0 for a closed loop, as fast as {@code concurrency} allows
 * @param concurrency requests in flight at most
 * @param timeout     how long one request may take before it counts as an error
 */
public record Load(long count, Duration duration, double rate, int concurrency, Duration timeout) {

    public static final int DEFAULT_CONCURRENCY = 8;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public Load {
        Require.that(count >= 0 && (count > 0 || duration != null), "the count (--count) must be at least 1");
        Require.that(count == 0 || duration == null, "give either a count (--count) or a duration (--duration), not both");
        Require.that(duration == null || duration.compareTo(Duration.ZERO) > 0, "the duration (--duration) must be positive");
        Require.that(rate >= 0 && Double.isFinite(rate), "the rate (--rate) must be a positive number of requests per second");
        Require.that(concurrency >= 1, "the concurrency (--concurrency) must be at least 1");
        Require.that(timeout != null && timeout.compareTo(Duration.ZERO) > 0, "the timeout (--timeout) must be positive");
    }

    /** Exactly {@code count} fresh POSTs, closed loop, {@value #DEFAULT_CONCURRENCY} in flight. */
    public static Load count(long count) {
        return new Load(count, null, 0, DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT);
    }

    /** As many POSTs as fit in {@code duration}, closed loop, {@value #DEFAULT_CONCURRENCY} in flight. */
    public static Load duration(Duration duration) {
        return new Load(0, duration, 0, DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT);
    }

    public Load atRate(double requestsPerSecond) {
        return new Load(count, duration, requestsPerSecond, concurrency, timeout);
    }

    public Load withConcurrency(int maxInFlight) {
        return new Load(count, duration, rate, maxInFlight, timeout);
    }

    public Load withTimeout(Duration requestTimeout) {
        return new Load(count, duration, rate, concurrency, requestTimeout);
    }

    public boolean openLoop() {
        return rate > 0;
    }
}
