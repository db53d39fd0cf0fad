package io.wapipeline.service.logging;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Lets one warning through per interval, and counts the ones it held back, so that a failure repeated thousands of
 * times a minute (a dependency down, a flood of bad input) costs a few log lines, not thousands.
 */
public final class Throttle {

    private final long intervalNanos;
    private final LongSupplier clock;
    private final AtomicLong nextAllowed;
    private final AtomicLong suppressed = new AtomicLong();

    public Throttle(Duration interval) {
        this(interval, System::nanoTime);
    }

    Throttle(Duration interval, LongSupplier clock) {
        this.intervalNanos = interval.toNanos();
        this.clock = clock;
        this.nextAllowed = new AtomicLong(clock.getAsLong());
    }

    /**
     * Whether to log now. Returns the number of occurrences held back since the last one let through (0 or more), or
     * -1 when this one is to be held back too.
     */
    public long pass() {
        long now = clock.getAsLong();
        long allowed = nextAllowed.get();
        if (now - allowed >= 0 && nextAllowed.compareAndSet(allowed, now + intervalNanos)) {
            return suppressed.getAndSet(0);
        }
        suppressed.incrementAndGet();
        return -1;
    }

    /** Lets the next occurrence through at once, as after a change of state. */
    public void reset() {
        nextAllowed.set(clock.getAsLong());
    }
}
