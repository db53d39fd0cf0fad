package io.wapipeline.worker.console;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import io.wapipeline.service.logging.LogText;
import io.wapipeline.service.logging.Throttle;

/**
 * Every console sign-in is counted ({@code whatsapp_console_signins_total{outcome="succeeded"|"failed"}}) and logged:
 * a success at INFO with the user's name, failures at WARN at most once a minute with how many were held back (a
 * password-guessing run costs a line a minute, and the counter shows its rate). The name tried is escaped; the
 * password is never logged.
 */
@Component
class SignInAudit {

    private static final Logger log = LoggerFactory.getLogger(SignInAudit.class);

    private final Counter succeeded;
    private final Counter failed;
    private final Throttle failures = new Throttle(Duration.ofMinutes(1));

    SignInAudit(MeterRegistry meters) {
        this.succeeded = Counter.builder("whatsapp.console.signins").tag("outcome", "succeeded")
                .description("Console sign-ins, by outcome").register(meters);
        this.failed = Counter.builder("whatsapp.console.signins").tag("outcome", "failed")
                .description("Console sign-ins, by outcome").register(meters);
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        succeeded.increment();
        log.info("Console: {} signed in", LogText.escape(event.getAuthentication().getName()));
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        failed.increment();
        long heldBack = failures.pass();
        if (heldBack >= 0) {
            log.warn("Console: a sign-in as '{}' failed ({}){}", LogText.escape(event.getAuthentication().getName()),
                    event.getException().getClass().getSimpleName(),
                    heldBack > 0 ? " (" + heldBack + " more failed sign-ins since the last such line)" : "");
        }
    }
}
