package io.wapipeline.service.problem;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

import io.wapipeline.service.logging.LogText;
import io.wapipeline.service.logging.RateLimitedLog;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Every error dispatch (a failure no handler answered) in the one problem body, in place of Spring Boot's default
 * error body. A body Tomcat found malformed while it was read (chunk framing, trailers, an unreadable form) is the
 * client's fault: 400, counted; anything else keeps its status, and a 5xx is logged (at most a few lines a minute).
 */
@Controller
final class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    private final MalformedRequests malformed;
    private final RateLimitedLog failures = new RateLimitedLog(log, 5);

    ProblemErrorController(MalformedRequests malformed) {
        this.malformed = malformed;
    }

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        String uri = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        HttpStatus status = status(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE));
        String reason = status.getReasonPhrase();
        if (MalformedRequests.isMalformedBody(failure)) {
            malformed.refused(MalformedRequests.Where.BODY, uri, failure);
            status = HttpStatus.BAD_REQUEST;
            reason = MalformedRequests.REASON;
        }
        else if (status.is5xxServerError()) {
            failures.warn("Request to {} failed with {}: {}", LogText.escape(uri), status.value(),
                    failure == null ? "-" : LogText.escape(failure.toString()));
        }
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        Problems.write(Problems.of(status, reason, null), uri, response);
    }

    private static HttpStatus status(Object code) {
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }
}
