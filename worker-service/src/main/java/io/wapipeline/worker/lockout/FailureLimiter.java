package io.wapipeline.worker.lockout;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wapipeline.service.logging.LogText;
import io.wapipeline.service.logging.RateLimitedLog;

/**
 * Failures in a row per key (a user name, a client address), and the lock that follows: after {@code maxFailures} the
 * key is locked for {@link LockoutProperties#duration()}, twice as long at each later lock, up to the maximum. Every
 * key is treated alike, whether or not it names anything that exists. At most {@link LockoutProperties#tracked()} keys
 * are remembered, the least recently used forgotten first, so no one can grow it by cycling keys. Each lock is counted
 * ({@code whatsapp_lockouts_total{limit}}) and logged once (at most ten lines a minute, then the count of the rest).
 */
public final class FailureLimiter {

    private static final Logger log = LoggerFactory.getLogger(FailureLimiter.class);
    /** A key is cut here: a megabyte-long user name costs no more memory than a short one. */
    private static final int MAX_KEY_LENGTH = 200;

    private final String limit;
    private final int maxFailures;
    private final long firstLockNanos;
    private final long maxLockNanos;
    private final LongSupplier clock;
    private final Counter locks;
    private final RateLimitedLog lockLines = new RateLimitedLog(log, 10);
    private final Map<String, Attempts> attempts;

    /** One key's failures in a row, and its lock. */
    private static final class Attempts {
        int failures;
        int locks;
        long lockedUntil;
    }

    public FailureLimiter(String limit, int maxFailures, LockoutProperties properties, MeterRegistry registry) {
        this(limit, maxFailures, properties, registry, System::nanoTime);
    }

    FailureLimiter(String limit, int maxFailures, LockoutProperties properties, MeterRegistry registry, LongSupplier clock) {
        this.limit = limit;
        this.maxFailures = maxFailures;
        this.firstLockNanos = properties.duration().toNanos();
        this.maxLockNanos = properties.maxDuration().toNanos();
        this.clock = clock;
        this.locks = Counter.builder("whatsapp.lockouts").description("Locks begun after too many failures in a row")
                .tag("limit", limit).register(registry);
        int tracked = properties.tracked();
        this.attempts = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Attempts> eldest) {
                return size() > tracked;
            }
        };
    }

    /** How long the key is still locked: zero when it is not. */
    public synchronized Duration lockedFor(String key) {
        Attempts entry = attempts.get(normalised(key));
        long left = entry == null ? 0 : entry.lockedUntil - clock.getAsLong();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    /** One more failure for the key; at the limit it is locked. */
    public void failed(String key) {
        String normalised = normalised(key);
        Duration lock;
        synchronized (this) {
            Attempts entry = attempts.computeIfAbsent(normalised, any -> new Attempts());
            if (++entry.failures < maxFailures) {
                return;
            }
            entry.failures = 0;
            long nanos = firstLockNanos;
            for (int earlier = 0; earlier < entry.locks && nanos < maxLockNanos; earlier++) {
                nanos *= 2;
            }
            nanos = Math.min(nanos, maxLockNanos);
            entry.locks++;
            entry.lockedUntil = clock.getAsLong() + nanos;
            lock = Duration.ofNanos(nanos);
        }
        locks.increment();
        lockLines.warn("Lockout: {} '{}' locked for {} s after {} failures in a row", limit.replace('_', ' '),
                LogText.escape(normalised), lock.toSeconds(), maxFailures);
    }

    /** A success: the key's failures and locks are forgotten. */
    public synchronized void succeeded(String key) {
        attempts.remove(normalised(key));
    }

    private static String normalised(String key) {
        String text = key == null ? "" : key.toLowerCase(Locale.ROOT);
        return text.length() > MAX_KEY_LENGTH ? text.substring(0, MAX_KEY_LENGTH) : text;
    }
}
