package io.wapipeline.service.problem;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import org.apache.coyote.BadRequestException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.wapipeline.service.logging.LogText;
import io.wapipeline.service.logging.RateLimitedLog;

/**
 * Requests that are not valid HTTP: counted ({@code http_requests_malformed_total{where}}) and logged at most once a
 * minute, since anyone can send them. {@code where} says who found out: the connector (request line, headers: Tomcat
 * answers before any servlet runs) or the body (chunk framing, trailers, a form that cannot be read, found while the
 * body is read).
 */
public final class MalformedRequests {

    /** The client's fault, whatever else is wrong: answered 400. */
    public static final String REASON = "the request is not valid HTTP/1.1 (framing, request line or headers)";

    /** Who found the request malformed. */
    public enum Where {
        CONNECTOR, BODY
    }

    private static final Logger log = LoggerFactory.getLogger(MalformedRequests.class);

    private final Map<Where, Counter> counters = new EnumMap<>(Where.class);
    private final RateLimitedLog lines = new RateLimitedLog(log);

    public MalformedRequests(MeterRegistry registry) {
        for (Where where : Where.values()) {
            counters.put(where, Counter.builder("http.requests.malformed")
                    .description("Requests refused with 400 because they are not valid HTTP (framing, request line, headers)")
                    .tag("where", where.name().toLowerCase(Locale.ROOT)).register(registry));
        }
    }

    /** Whether this failure (or one of its causes) is Tomcat finding the request's body malformed. */
    public static boolean isMalformedBody(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BadRequestException || cause instanceof InvalidParameterException) {
                return true;
            }
            if (cause.getCause() == cause) {
                return false;
            }
        }
        return false;
    }

    public void refused(Where where, String requestUri, Throwable failure) {
        counters.get(where).increment();
        lines.warn("Malformed request to {} answered 400 ({}): {}", LogText.escape(requestUri),
                where.name().toLowerCase(Locale.ROOT), failure == null ? "-" : LogText.escape(failure.toString()));
    }
}
