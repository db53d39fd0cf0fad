package io.wapipeline.worker.web;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import io.wapipeline.service.problem.Problems;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The API's failures as the one problem body, each with a request id that is also in the log line: 400 for a
 * parameter that cannot be read, 404, and 503 (retry later) when the database cannot answer.
 */
@RestControllerAdvice(basePackages = "io.wapipeline.worker")
public class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(BadParameterException.class)
    ResponseEntity<ProblemDetail> badParameter(BadParameterException failure, HttpServletRequest request) {
        return problem(HttpStatus.BAD_REQUEST, failure.getMessage(), request);
    }

    @ExceptionHandler({ TransientDataAccessException.class, RecoverableDataAccessException.class,
            DataAccessResourceFailureException.class })
    ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException failure, HttpServletRequest request) {
        String requestId = UUID.randomUUID().toString();
        log.warn("API request {} {} {} answered 503, the database did not answer: {}", requestId,
                request.getMethod(), request.getRequestURI(), failure.toString());
        return Problems.unavailable("the database did not answer; retry", requestId);
    }

    /** A client error: logged at INFO, since the service is fine and the caller has the reason. */
    public static ResponseEntity<ProblemDetail> problem(HttpStatus status, String reason, HttpServletRequest request) {
        String requestId = UUID.randomUUID().toString();
        log.info("API request {} {} {} answered {}: {}", requestId, request.getMethod(), request.getRequestURI(),
                status.value(), reason);
        return Problems.of(status, reason, requestId);
    }
}
