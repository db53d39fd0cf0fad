package io.wapipeline.service.logging;

import java.time.Duration;
import java.util.Arrays;

import org.slf4j.Logger;

/**
 * A log line anyone outside can cause (a bad signature, a missing token, a malformed request), written at most a few
 * times a minute: the lines held back are counted, and the next line let through says how many there were. The
 * service's counters carry every occurrence; the log only shows that it happens.
 */
public final class RateLimitedLog {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final Logger log;
    private final Throttle throttle;

    /** One line a minute. */
    public RateLimitedLog(Logger log) {
        this(log, 1);
    }

    /** {@code linesPerMinute} lines a minute. */
    public RateLimitedLog(Logger log, int linesPerMinute) {
        this.log = log;
        this.throttle = new Throttle(MINUTE, linesPerMinute);
    }

    public void warn(String format, Object... arguments) {
        long heldBack = throttle.pass();
        if (heldBack >= 0) {
            log.warn(format + "{}", withHeldBack(arguments, heldBack));
        }
    }

    public void info(String format, Object... arguments) {
        long heldBack = throttle.pass();
        if (heldBack >= 0) {
            log.info(format + "{}", withHeldBack(arguments, heldBack));
        }
    }

    private static Object[] withHeldBack(Object[] arguments, long heldBack) {
        Object[] all = Arrays.copyOf(arguments, arguments.length + 1);
        all[arguments.length] = heldBack > 0 ? " (" + heldBack + " more such lines held back since the last one)" : "";
        return all;
    }
}
