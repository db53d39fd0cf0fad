package io.wapipeline.worker.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import io.wapipeline.service.logging.LogText;
import io.wapipeline.service.logging.RateLimitedLog;
import io.wapipeline.worker.lockout.Lockouts;

/**
 * Every console sign-in is counted ({@code whatsapp_console_signins_total{outcome="succeeded"|"failed"}}) and logged:
 * a success at INFO with the user's name, failures at WARN at most once a minute with how many were held back (a
 * password-guessing run costs a line a minute, and the counter shows its rate). The name tried is escaped; the
 * password is never logged. Each outcome goes to the {@link Lockouts}: a failure counts against the name tried and
 * the client's address, a success forgets both.
 */
@Component
class SignInAudit {

    private static final Logger log = LoggerFactory.getLogger(SignInAudit.class);

    private final Counter succeeded;
    private final Counter failed;
    private final RateLimitedLog failures = new RateLimitedLog(log);
    private final Lockouts lockouts;

    SignInAudit(MeterRegistry meters, Lockouts lockouts) {
        this.lockouts = lockouts;
        this.succeeded = Counter.builder("whatsapp.console.signins").tag("outcome", "succeeded")
                .description("Console sign-ins, by outcome").register(meters);
        this.failed = Counter.builder("whatsapp.console.signins").tag("outcome", "failed")
                .description("Console sign-ins, by outcome").register(meters);
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        succeeded.increment();
        lockouts.consoleNames().succeeded(event.getAuthentication().getName());
        lockouts.consoleAddresses().succeeded(address(event.getAuthentication()));
        log.info("Console: {} signed in", LogText.escape(event.getAuthentication().getName()));
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        failed.increment();
        lockouts.consoleNames().failed(event.getAuthentication().getName());
        lockouts.consoleAddresses().failed(address(event.getAuthentication()));
        failures.warn("Console: a sign-in as '{}' failed ({})", LogText.escape(event.getAuthentication().getName()),
                event.getException().getClass().getSimpleName());
    }

    /** The client's address as the sign-in filter recorded it (behind a proxy, as Tomcat was told to trust it). */
    private static String address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : "unknown";
    }
}
