package io.wapipeline.ingest.webhook;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bounds on bodies whose signature is not checked yet, shared by all requests: anyone can send those, so how many
 * arrive at once and the bytes they hold together are both bounded. A body over either is refused at once; valid
 * traffic keeps the rest.
 * <p>
 * Meta's webhooks are small (a few KB) and arrive in milliseconds; an attacker's are large and held open. So a body
 * whose buffer is past {@link #LARGE_BODY} bytes may only use the first three quarters of the budget: large held bodies alone cannot
 * take the room small ones need.
 */
final class UnverifiedBodies {

    private final long capacity;
    private final int maxBodies;
    private final AtomicLong used = new AtomicLong();
    private final AtomicInteger arriving = new AtomicInteger();

    UnverifiedBodies(long capacity, int maxBodies) {
        this.capacity = capacity;
        this.maxBodies = maxBodies;
    }

    /** Lets one more body start arriving, or none and false when {@code maxBodies} are arriving already. */
    boolean admit() {
        if (arriving.incrementAndGet() > maxBodies) {
            arriving.decrementAndGet();
            return false;
        }
        return true;
    }

    /** A body admitted has been read or refused. */
    void leave() {
        arriving.decrementAndGet();
    }

    int arriving() {
        return arriving.get();
    }

    /** Bodies larger than this share at most three quarters of the budget. */
    static final long LARGE_BODY = 64 * 1024;

    /**
     * Takes {@code bytes} of the budget for a body's (new) buffer, or nothing and false when they do not fit; a buffer
     * larger than {@link #LARGE_BODY} fits only in the first three quarters.
     */
    boolean reserve(long bytes) {
        long limit = bytes > LARGE_BODY ? capacity / 4 * 3 : capacity;
        long now;
        do {
            now = used.get();
            if (now + bytes > limit) {
                return false;
            }
        }
        while (!used.compareAndSet(now, now + bytes));
        return true;
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
    }

    long used() {
        return used.get();
    }

    long capacity() {
        return capacity;
    }
}
