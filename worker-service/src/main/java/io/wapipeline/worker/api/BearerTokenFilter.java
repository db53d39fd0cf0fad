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
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wapipeline.service.problem.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lets a request in only with {@code Authorization: Bearer <token>} naming a configured token. Tokens are compared as
 * SHA-256 digests with {@link MessageDigest#isEqual}, against every configured token each time, so neither timing
 * nor length tells a caller how close a guess was. The presented token is never logged.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(BearerTokenFilter.class);

    private static final String SCHEME = "Bearer ";

    private final List<byte[]> tokenDigests;
    private final JsonMapper json;
    private final Counter missing;
    private final Counter wrong;

    BearerTokenFilter(List<String> tokens, JsonMapper json, MeterRegistry registry) {
        this.tokenDigests = tokens.stream().map(BearerTokenFilter::digest).toList();
        this.json = json;
        this.missing = unauthorized(registry, "missing");
        this.wrong = unauthorized(registry, "wrong");
    }

    private static Counter unauthorized(MeterRegistry registry, String reason) {
        return Counter.builder("whatsapp.api.requests.unauthorized")
                .description("API requests refused for a missing or wrong bearer token").tag("reason", reason)
                .register(registry);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = bearerToken(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (token == null) {
            reject(request, response, missing, "Bearer", "Authorization: Bearer <token> is missing");
        }
        else if (!isConfigured(token)) {
            reject(request, response, wrong, "Bearer error=\"invalid_token\"", "the bearer token is not valid");
        }
        else {
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

    private void reject(HttpServletRequest request, HttpServletResponse response, Counter counter, String challenge,
            String reason) throws IOException {
        counter.increment();
        String requestId = UUID.randomUUID().toString();
        log.warn("API request {} {} {} refused with 401: {}", requestId, io.wapipeline.service.logging.LogText.escape(request.getMethod()),
                io.wapipeline.service.logging.LogText.escape(request.getRequestURI()), reason);
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(),
                Problems.withInstance(Problems.of(HttpStatus.UNAUTHORIZED, reason, requestId).getBody(), request.getRequestURI()));
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
