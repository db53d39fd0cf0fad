package io.wapipeline.ingest.webhook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

/**
 * Reads a POST body without holding a container thread while the client is slow: the bytes are taken as they arrive
 * (a servlet {@link ReadListener}), and the body is bounded in size, in memory (each byte counts against the
 * {@link UnverifiedBodies} budget until the body is handed on) and in time ({@link #timedOut()} from the
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
    private final ByteArrayOutputStream body;
    private final byte[] chunk = new byte[16 * 1024];
    private final AtomicBoolean finished = new AtomicBoolean();
    private long reserved;
    /** Past the limit the rest is read and dropped, up to twice the limit, so that the client gets to read its 413. */
    private long discarded;

    BodyReader(ServletInputStream in, long declaredLength, long maxBytes, UnverifiedBodies budget, Outcome outcome) {
        this.in = in;
        this.maxBytes = maxBytes;
        this.budget = budget;
        this.outcome = outcome;
        this.body = new ByteArrayOutputStream((int) Math.max(256, Math.min(declaredLength, Math.min(maxBytes, 1 << 20))));
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
            if (discarded > 0 || body.size() + read > maxBytes) {
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
                if (budget.reserve(read)) {
                    reserved += read;
                    body.write(chunk, 0, read);
                    continue;
                }
            }
            refuse(Refusal.OVER_BUDGET);
            return;
        }
    }

    @Override
    public void onAllDataRead() {
        if (discarded > 0) {
            refuse(Refusal.TOO_LARGE);
        }
        else if (finish()) {
            outcome.read(body.toByteArray());
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
            budget.release(reserved);
            reserved = 0;
        }
        budget.leave();
        return true;
    }
}
