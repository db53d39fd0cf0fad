package io.wapipeline.ingest.webhook;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

/**
 * Reads a POST body without holding a container thread while the client is slow: the bytes are taken as they arrive
 * (a servlet {@link ReadListener}), and the body is bounded in size, in memory (the buffer's whole capacity, not
 * only the bytes in it, counts against the {@link UnverifiedBodies} budget until the body is handed on, and it grows
 * by doubling up to the announced length, never past it) and in time ({@link #timedOut()} from the
 * caller's deadline). Exactly one of {@link Outcome#read} and {@link Outcome#refused} is called.
 */
final class BodyReader implements ReadListener {

    /** Why a body was not read. */
    enum Refusal {
        TOO_LARGE, OVER_BUDGET, TIMED_OUT, FAILED
    }

    /** What the reader hands on: the body, or why there is none. */
    interface Outcome {

        void read(byte[] body);

        void refused(Refusal refusal);
    }

    private final ServletInputStream in;
    private final long maxBytes;
    private final UnverifiedBodies budget;
    private final Outcome outcome;
    private static final int FIRST_CAPACITY = 8 * 1024;

    private final long capacityLimit;
    private final byte[] chunk = new byte[16 * 1024];
    private final AtomicBoolean finished = new AtomicBoolean();
    /** The body so far; its length is what is reserved of the budget. */
    private byte[] buffer = new byte[0];
    private int size;
    /** Past the limit the rest is read and dropped, up to twice the limit, so that the client gets to read its 413. */
    private long discarded;

    BodyReader(ServletInputStream in, long declaredLength, long maxBytes, UnverifiedBodies budget, Outcome outcome) {
        this.in = in;
        this.maxBytes = maxBytes;
        this.budget = budget;
        this.outcome = outcome;
        this.capacityLimit = declaredLength >= 0 ? Math.min(declaredLength, maxBytes) : maxBytes;
        if (declaredLength > maxBytes) {
            discarded = 1;
        }
    }

    @Override
    public void onDataAvailable() throws IOException {
        while (!finished.get() && in.isReady()) {
            int read = in.read(chunk);
            if (read < 0) {
                return;
            }
            if (discarded > 0 || size + read > maxBytes) {
                discarded += read;
                if (discarded > 2 * maxBytes) {
                    refuse(Refusal.TOO_LARGE);
                }
                continue;
            }
            synchronized (this) {
                if (finished.get()) {
                    return;
                }
                if (size + read <= buffer.length || grow(size + read)) {
                    System.arraycopy(chunk, 0, buffer, size, read);
                    size += read;
                    continue;
                }
            }
            refuse(Refusal.OVER_BUDGET);
            return;
        }
    }

    /**
     * A buffer for at least {@code needed} bytes, twice the old one's size or at least 8 KB, but never past the
     * announced length: the new capacity is reserved first (the old one is released once copied), or nothing changes
     * and false when the budget has no room.
     */
    private boolean grow(int needed) {
        int capacity = (int) Math.max(needed, Math.min(capacityLimit, Math.max(2L * buffer.length, FIRST_CAPACITY)));
        if (!budget.reserve(capacity)) {
            return false;
        }
        byte[] grown = Arrays.copyOf(buffer, capacity);
        budget.release(buffer.length);
        buffer = grown;
        return true;
    }

    @Override
    public void onAllDataRead() {
        if (discarded > 0) {
            refuse(Refusal.TOO_LARGE);
            return;
        }
        byte[] body;
        synchronized (this) {
            body = size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
        }
        if (finish()) {
            outcome.read(body);
        }
    }

    @Override
    public void onError(Throwable failure) {
        refuse(Refusal.FAILED);
    }

    /** The deadline for the whole body passed; nothing happens if the body was already read or refused. */
    void timedOut() {
        refuse(Refusal.TIMED_OUT);
    }

    boolean isFinished() {
        return finished.get();
    }

    private void refuse(Refusal refusal) {
        if (finish()) {
            outcome.refused(refusal);
        }
    }

    private boolean finish() {
        if (!finished.compareAndSet(false, true)) {
            return false;
        }
        synchronized (this) {
            budget.release(buffer.length);
            buffer = new byte[0];
        }
        budget.leave();
        return true;
    }
}
