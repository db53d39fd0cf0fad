package io.wapipeline.service.problem;

import java.io.IOException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.http.server.ServletServerHttpResponse;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The one error body of the service: RFC 9457 {@code application/problem+json} with {@code status}, {@code title},
 * {@code detail} (the reason), {@code instance} (the request's path) and, where there is one, {@code requestId}.
 */
public final class Problems {

    /** Seconds a caller should wait before retrying after a 503. */
    private static final String RETRY_AFTER_SECONDS = "5";

    /** Spring's own converter, so that problem bodies written outside Spring MVC are exactly what it writes. */
    private static final JacksonJsonHttpMessageConverter JSON = new JacksonJsonHttpMessageConverter();

    private Problems() {
    }

    public static ResponseEntity<ProblemDetail> of(HttpStatus status, String reason, String requestId) {
        return ResponseEntity.status(status).body(body(status, reason, requestId));
    }

    /** A 503 with {@code Retry-After}, for when the webhook could not be kept. */
    public static ResponseEntity<ProblemDetail> unavailable(String reason, String requestId) {
        HttpStatus status = HttpStatus.SERVICE_UNAVAILABLE;
        return ResponseEntity.status(status).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(body(status, reason, requestId));
    }

    /** A 429 with {@code Retry-After}, for a caller who must wait before trying again. */
    public static ResponseEntity<ProblemDetail> tooManyAttempts(String reason, long retryAfterSeconds, String requestId) {
        HttpStatus status = HttpStatus.TOO_MANY_REQUESTS;
        return ResponseEntity.status(status).header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, retryAfterSeconds)))
                .body(body(status, reason, requestId));
    }

    /**
     * Writes the problem outside Spring MVC (a servlet, a filter, the container's error report), with the request's
     * path as its {@code instance} as Spring MVC's answers have it.
     */
    public static void write(ResponseEntity<ProblemDetail> problem, String requestUri, HttpServletResponse response)
            throws IOException {
        withInstance(problem.getBody(), requestUri);
        response.setStatus(problem.getStatusCode().value());
        problem.getHeaders().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        ServletServerHttpResponse out = new ServletServerHttpResponse(response);
        JSON.write(problem.getBody(), MediaType.APPLICATION_PROBLEM_JSON, out);
        out.flush();
    }

    /**
     * Sets the request's path as the problem's {@code instance}, as Spring MVC's own answers have it, unless one is set
     * or the path is not a valid URI reference (then the member is left out rather than guessed).
     */
    public static ProblemDetail withInstance(ProblemDetail problem, String requestUri) {
        if (problem.getInstance() == null && requestUri != null) {
            try {
                problem.setInstance(java.net.URI.create(requestUri));
            }
            catch (IllegalArgumentException notAUri) {
                // left out
            }
        }
        return problem;
    }

    private static ProblemDetail body(HttpStatus status, String reason, String requestId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, reason);
        if (requestId != null) {
            problem.setProperty("requestId", requestId);
        }
        return problem;
    }
}
