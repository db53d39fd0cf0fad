package io.wapipeline.worker.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wapipeline.service.logging.LogText;
import io.wapipeline.service.logging.RateLimitedLog;
import io.wapipeline.service.problem.Problems;
import io.wapipeline.worker.lockout.FailureLimiter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Lets a request in only with {@code Authorization: Bearer <token>} naming a configured token. Tokens are compared as
 * SHA-256 digests with {@link MessageDigest#isEqual}, against every configured token each time, so neither timing
 * nor length tells a caller how close a guess was. The presented token is never logged. Wrong tokens count against
 * the client's address: once it is locked every request from it is answered 429 with {@code Retry-After}, unchecked.
 * Refusals are logged once a minute per reason (anyone can cause them); the counters carry every one. Every answer,
 * personal data or not, is {@code Cache-Control: no-store}.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(BearerTokenFilter.class);

    private static final String SCHEME = "Bearer ";

    private final List<byte[]> tokenDigests;
    private final FailureLimiter addresses;
    private final Counter missing;
    private final Counter wrong;
    private final Counter locked;
    private final RateLimitedLog missingLines = new RateLimitedLog(log);
    private final RateLimitedLog wrongLines = new RateLimitedLog(log);
    private final RateLimitedLog lockedLines = new RateLimitedLog(log);

    BearerTokenFilter(List<String> tokens, FailureLimiter addresses, MeterRegistry registry) {
        this.tokenDigests = tokens.stream().map(BearerTokenFilter::digest).toList();
        this.addresses = addresses;
        this.missing = unauthorized(registry, "missing");
        this.wrong = unauthorized(registry, "wrong");
        this.locked = unauthorized(registry, "locked");
    }

    private static Counter unauthorized(MeterRegistry registry, String reason) {
        return Counter.builder("whatsapp.api.requests.unauthorized")
                .description("API requests refused for a missing or wrong bearer token, or from a locked address")
                .tag("reason", reason)
                .register(registry);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        String address = request.getRemoteAddr();
        java.time.Duration wait = addresses.lockedFor(address);
        String token = bearerToken(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (!wait.isZero()) {
            locked.increment();
            String requestId = UUID.randomUUID().toString();
            lockedLines.warn("API request {} refused with 429: too many wrong tokens from this address", requestId);
            Problems.write(Problems.tooManyAttempts("too many wrong bearer tokens from this address; retry later",
                    wait.toSeconds() + 1, requestId), request.getRequestURI(), response);
        }
        else if (token == null) {
            reject(request, response, missing, missingLines, "Bearer", "Authorization: Bearer <token> is missing");
        }
        else if (!isConfigured(token)) {
            addresses.failed(address);
            reject(request, response, wrong, wrongLines, "Bearer error=\"invalid_token\"", "the bearer token is not valid");
        }
        else {
            addresses.succeeded(address);
            chain.doFilter(request, response);
        }
    }

    /** The token of a {@code Bearer} header (the scheme is case-insensitive), or null when there is none. */
    private static String bearerToken(String header) {
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return null;
        }
        String token = header.substring(SCHEME.length()).strip();
        return token.isEmpty() ? null : token;
    }

    private boolean isConfigured(String token) {
        byte[] presented = digest(token);
        boolean matched = false;
        for (byte[] configured : tokenDigests) {
            matched |= MessageDigest.isEqual(presented, configured);
        }
        return matched;
    }

    private static void reject(HttpServletRequest request, HttpServletResponse response, Counter counter, RateLimitedLog lines,
            String challenge, String reason) throws IOException {
        counter.increment();
        String requestId = UUID.randomUUID().toString();
        lines.warn("API request {} {} {} refused with 401: {}", requestId, LogText.escape(request.getMethod()),
                LogText.escape(request.getRequestURI()), reason);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
        Problems.write(Problems.of(HttpStatus.UNAUTHORIZED, reason, requestId), request.getRequestURI(), response);
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
