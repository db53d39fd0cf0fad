package io.wapipeline.service.logging;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Lets a few occurrences through per interval (one unless told), and counts the ones it held back, so that a failure
 * repeated thousands of times a minute (a dependency down, a flood of bad input) costs a few log lines, not thousands.
 * An interval starts with the first occurrence let through.
 */
public final class Throttle {

    private final long intervalNanos;
    private final int permits;
    private final LongSupplier clock;
    private long intervalStart;
    private int passed;
    private long suppressed;

    public Throttle(Duration interval) {
        this(interval, 1);
    }

    public Throttle(Duration interval, int permits) {
        this(interval, permits, System::nanoTime);
    }

    Throttle(Duration interval, int permits, LongSupplier clock) {
        if (permits < 1) {
            throw new IllegalArgumentException("a throttle lets at least one occurrence through");
        }
        this.intervalNanos = interval.toNanos();
        this.permits = permits;
        this.clock = clock;
        this.intervalStart = clock.getAsLong() - intervalNanos;
    }

    /**
     * Whether to log now. Returns the number of occurrences held back since the last one let through (0 or more), or
     * -1 when this one is to be held back too.
     */
    public synchronized long pass() {
        long now = clock.getAsLong();
        if (now - intervalStart >= intervalNanos) {
            intervalStart = now;
            passed = 0;
        }
        if (passed < permits) {
            passed++;
            long heldBack = suppressed;
            suppressed = 0;
            return heldBack;
        }
        suppressed++;
        return -1;
    }

    /** Lets the next occurrence through at once, as after a change of state. */
    public synchronized void reset() {
        intervalStart = clock.getAsLong() - intervalNanos;
    }
}
