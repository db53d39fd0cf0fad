package io.wapipeline.traffic.send;

import java.util.OptionalLong;
import java.util.concurrent.Semaphore;

/**
 * A closed loop: the next request starts as soon as one of those in flight is answered, and its latency counts from
 * when it is sent. It measures what the server can take, not what latency a given rate would see.
 */
final class ClosedLoopPacer implements Pacer {

    @Override
    public OptionalLong awaitTurn(Semaphore inFlight, long deadlineNanos) throws InterruptedException {
        inFlight.acquire();
        long now = System.nanoTime();
        if (now - deadlineNanos >= 0) {
            inFlight.release();
            return OptionalLong.empty();
        }
        return OptionalLong.of(now);
    }
}
