package io.wapipeline.service.problem;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * What Tomcat answers on its own (a request line or headers it cannot read, before any servlet runs) in the service's
 * problem body instead of its HTML page: no stack trace, no server version. A 400 is counted as a malformed request.
 */
final class ProblemErrorValve extends ErrorReportValve {

    private final MalformedRequests malformed;

    ProblemErrorValve(MalformedRequests malformed) {
        this.malformed = malformed;
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable failure) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !ioAllowed(response)) {
            return;
        }
        HttpStatus resolved = HttpStatus.resolve(status);
        String uri = request.getDecodedRequestURI();
        if (status == HttpStatus.BAD_REQUEST.value()) {
            malformed.refused(MalformedRequests.Where.CONNECTOR, uri, failure);
        }
        String reason = status == 400 ? MalformedRequests.REASON : resolved == null ? "error " + status : resolved.getReasonPhrase();
        try {
            response.resetBuffer();
            Problems.write(Problems.of(resolved == null ? HttpStatus.INTERNAL_SERVER_ERROR : resolved, reason, null), uri,
                    response.getResponse());
            response.setStatus(status);
            response.finishResponse();
        }
        catch (IOException | IllegalStateException clientGone) {
            // nothing more can be said to this client
        }
    }

    private static boolean ioAllowed(Response response) {
        AtomicBoolean allowed = new AtomicBoolean();
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, allowed);
        return allowed.get();
    }
}
