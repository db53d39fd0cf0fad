package io.wapipeline.worker.console;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.web.filter.OncePerRequestFilter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wapipeline.service.logging.RateLimitedLog;
import io.wapipeline.service.problem.Problems;
import io.wapipeline.worker.lockout.Lockouts;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * In front of the sign-in form's POST: while the user name tried (known or not) or the client's address is locked, the
 * attempt is answered 429 with {@code Retry-After} and the password is not checked, so a guessing run learns nothing
 * during a lock. Counted as {@code whatsapp_console_signins_total{outcome="locked"}}.
 */
final class SignInLockout extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(SignInLockout.class);

    private final Lockouts lockouts;
    private final Counter refused;
    private final RateLimitedLog lines = new RateLimitedLog(log);

    SignInLockout(Lockouts lockouts, MeterRegistry meters) {
        this.lockouts = lockouts;
        this.refused = Counter.builder("whatsapp.console.signins").tag("outcome", "locked")
                .description("Console sign-ins, by outcome").register(meters);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !(HttpMethod.POST.matches(request.getMethod()) && ConsoleSecurity.SIGN_IN.equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Duration name = lockouts.consoleNames().lockedFor(request.getParameter("username"));
        Duration address = lockouts.consoleAddresses().lockedFor(request.getRemoteAddr());
        Duration wait = name.compareTo(address) >= 0 ? name : address;
        if (wait.isZero()) {
            chain.doFilter(request, response);
            return;
        }
        refused.increment();
        String requestId = UUID.randomUUID().toString();
        lines.warn("Console: sign-in {} refused with 429, locked for {} s more", requestId, wait.toSeconds() + 1);
        Problems.write(Problems.tooManyAttempts("too many failed sign-ins; retry later", wait.toSeconds() + 1, requestId),
                request.getRequestURI(), response);
    }
}
