package io.wapipeline.ingest.webhook;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory budget for bytes of bodies whose signature is not checked yet, shared by all requests: anyone can send
 * those, so their total is bounded. A body that would go over it is refused at once; valid traffic keeps the rest.
 */
final class UnauthenticatedBytes {

    private final long capacity;
    private final AtomicLong used = new AtomicLong();

    UnauthenticatedBytes(long capacity) {
        this.capacity = capacity;
    }

    /** Takes {@code bytes} of the budget, or nothing and false when they do not fit. */
    boolean reserve(long bytes) {
        long now;
        do {
            now = used.get();
            if (now + bytes > capacity) {
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
