package io.wapipeline.service.problem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * The one error body of the service: RFC 9457 {@code application/problem+json} with {@code status}, {@code title},
 * {@code detail} (the reason) and, where there is one, {@code requestId}.
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

    private static ProblemDetail body(HttpStatus status, String reason, String requestId) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, reason);
        if (requestId != null) {
            problem.setProperty("requestId", requestId);
        }
        return problem;
    }
}
