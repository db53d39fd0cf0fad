package io.wapipeline.worker.lockout;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;

/** The worker's three limits: console sign-ins per user name and per client address, read-API tokens per address. */
@Component
public class Lockouts {

    private final FailureLimiter consoleNames;
    private final FailureLimiter consoleAddresses;
    private final FailureLimiter apiAddresses;

    Lockouts(LockoutProperties properties, MeterRegistry registry) {
        this.consoleNames = new FailureLimiter("console_user_name", properties.failuresPerName(), properties, registry);
        this.consoleAddresses = new FailureLimiter("console_address", properties.failuresPerAddress(), properties, registry);
        this.apiAddresses = new FailureLimiter("api_address", properties.failuresPerAddress(), properties, registry);
    }

    public FailureLimiter consoleNames() {
        return consoleNames;
    }

    public FailureLimiter consoleAddresses() {
        return consoleAddresses;
    }

    public FailureLimiter apiAddresses() {
        return apiAddresses;
    }
}
