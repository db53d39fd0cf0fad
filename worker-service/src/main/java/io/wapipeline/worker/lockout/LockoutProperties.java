package io.wapipeline.worker.lockout;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How guessing is slowed ({@code whatsapp.lockout.*}): console sign-ins per user name and per client address, read-API
 * tokens per client address. After that many failures in a row the name or address is locked: every attempt is
 * answered 429 with {@code Retry-After}, without being checked. Each lock of the same name or address lasts twice the
 * one before, up to {@code max-duration}; a success forgets the failures.
 *
 * @param failuresPerName    wrong passwords in a row for one user name (known or not) before it is locked
 * @param failuresPerAddress failed sign-ins or wrong tokens in a row from one client address before it is locked
 * @param duration           the first lock
 * @param maxDuration        the longest lock
 * @param tracked            names, and addresses, remembered at most (each): the least recently seen are forgotten first
 */
@ConfigurationProperties("whatsapp.lockout")
public record LockoutProperties(@DefaultValue("5") int failuresPerName, @DefaultValue("20") int failuresPerAddress,
        @DefaultValue("1m") Duration duration, @DefaultValue("15m") Duration maxDuration,
        @DefaultValue("10000") int tracked) {

    public LockoutProperties {
        if (failuresPerName < 1 || failuresPerAddress < 1 || tracked < 1 || duration.isNegative() || duration.isZero()
                || maxDuration.compareTo(duration) < 0) {
            throw new IllegalArgumentException("whatsapp.lockout: failures-per-name, failures-per-address and tracked must be"
                    + " at least 1, duration positive and max-duration at least duration");
        }
    }
}
