package io.wapipeline.traffic.send;

import java.util.OptionalLong;
import java.util.concurrent.Semaphore;

/** Decides when the next request starts, and from when its latency is measured. Used by the one sending thread. */
interface Pacer {

    /**
     * Waits for the next request's turn and a free slot among those in flight.
     *
     * @return the {@link System#nanoTime()} the request's latency counts from; empty when its turn would come at or
     *         after {@code deadlineNanos} (no slot is then taken)
     */
    OptionalLong awaitTurn(Semaphore inFlight, long deadlineNanos) throws InterruptedException;

    static Pacer of(Load load, long startNanos) {
        return load.openLoop() ? new FixedRatePacer(load.rate(), startNanos) : new ClosedLoopPacer();
    }
}
