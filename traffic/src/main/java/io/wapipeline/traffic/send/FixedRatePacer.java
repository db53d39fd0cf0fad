package io.wapipeline.traffic.send;

import java.util.OptionalLong;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;

/**
 * An open loop: request {@code i} is due at {@code start + i / rate} whether or not earlier ones were answered, and its
 * latency counts from then. A stalled server therefore shows as latency, including the time a request waited for a
 * slot, instead of silently lowering the rate (the coordinated omission of closed-loop load generators).
 */
final class FixedRatePacer implements Pacer {

    private final double intervalNanos;
    private final long startNanos;
    private long requests;

    FixedRatePacer(double requestsPerSecond, long startNanos) {
        this.intervalNanos = 1e9 / requestsPerSecond;
        this.startNanos = startNanos;
    }

    @Override
    public OptionalLong awaitTurn(Semaphore inFlight, long deadlineNanos) throws InterruptedException {
        long due = startNanos + (long) (requests * intervalNanos);
        if (due - deadlineNanos >= 0) {
            return OptionalLong.empty();
        }
        requests++;
        parkUntil(due);
        inFlight.acquire();
        return OptionalLong.of(due);
    }

    private static void parkUntil(long nanoTime) throws InterruptedException {
        for (long wait = nanoTime - System.nanoTime(); wait > 0; wait = nanoTime - System.nanoTime()) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                throw new InterruptedException("stopped while waiting for the next request's turn");
            }
        }
    }
}
