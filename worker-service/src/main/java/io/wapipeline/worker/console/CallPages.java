package io.wapipeline.worker.console;

import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import io.wapipeline.worker.api.CallDetail;
import io.wapipeline.worker.api.CallQueries;

/**
 * The console's calls: newest first by their earliest report, with the read API's filters kept in the URL, and one
 * call with its reports as Meta sent them. Viewers read them like every console page.
 */
@Controller
@RequestMapping("/console/calls")
class CallPages {

    /** The list's filters, as the read API names them; anything else in the URL is ignored. */
    private static final Set<String> FILTERS = Set.of("contact", "business", "direction", "status", "from", "to", "cursor");

    private final CallQueries calls;

    CallPages(CallQueries calls) {
        this.calls = calls;
    }

    @GetMapping({ "", "/" })
    String calls(@RequestParam Map<String, String> parameters, Model model, Authentication user) {
        ConsoleController.filteredPage(model, "/console/calls", ConsoleController.kept(parameters, FILTERS), calls::list);
        return ConsoleController.common(model, user, "calls", "console/calls");
    }

    @GetMapping("/{callId}")
    String call(@PathVariable String callId, Model model, Authentication user) {
        CallDetail detail = calls.find(callId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no call has this id"));
        model.addAttribute("call", detail.call());
        model.addAttribute("events", detail.events().stream().map(event -> new Report(event.event(), event.status(),
                event.timestamp(), event.receivedAt(), RawJson.pretty(event.rawPayload()))).toList());
        return ConsoleController.common(model, user, "calls", "console/call");
    }

    /** A report on the call as the page shows it: its JSON indented. */
    record Report(String event, String status, java.time.Instant timestamp, java.time.Instant receivedAt, String json) {
    }
}
