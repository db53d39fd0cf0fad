package io.wapipeline.service.problem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The one error body of the service: RFC 9457 {@code application/problem+json} with {@code status}, {@code title},
 * {@code detail} (the reason), {@code instance} (the request's path) and, where there is one, {@code requestId}.
 */
public final class Problems {

    /** Seconds a caller should wait before retrying after a 503. */
    private static final String RETRY_AFTER_SECONDS = "5";

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
