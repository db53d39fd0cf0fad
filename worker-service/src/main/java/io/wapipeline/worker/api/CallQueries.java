package io.wapipeline.worker.api;

import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;

/** The read API's call queries, for the API's controller and the console alike. */
@Service
public class CallQueries {

    private final CallReadRepository calls;

    CallQueries(CallReadRepository calls) {
        this.calls = calls;
    }

    /**
     * A page, newest first, by the API's query parameters ({@code contact}, {@code business}, {@code direction},
     * {@code status}, {@code from}, {@code to}, {@code limit}, {@code cursor}).
     *
     * @throws io.wapipeline.worker.web.BadParameterException for a parameter that cannot be read
     */
    public Page<CallItem> list(Map<String, String> parameters) {
        return calls.list(CallFilter.of(parameters));
    }

    /** The call with this id and its reports, or empty when no call has it. */
    public Optional<CallDetail> find(String callId) {
        return calls.find(callId).map(call -> new CallDetail(call, calls.events(callId)));
    }
}
