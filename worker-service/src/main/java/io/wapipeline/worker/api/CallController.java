package io.wapipeline.worker.api;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.wapipeline.worker.web.ApiDocument;
import io.wapipeline.worker.web.ApiErrors;
import jakarta.servlet.http.HttpServletRequest;

/** Calls, newest first, and one call with its reports; with and without the trailing slash. */
@RestController
@RequestMapping("/api/whatsapp/calls")
@Tag(name = "calls")
class CallController {

    private final CallQueries calls;

    CallController(CallQueries calls) {
        this.calls = calls;
    }

    @GetMapping({ "", "/" })
    @Operation(operationId = "listCalls", summary = "Calls, newest first by their earliest report; the filters apply together",
            description = "from and to bound the call's earliest report (firstEventAt).",
            parameters = { @Parameter(ref = "contact"), @Parameter(ref = "business"), @Parameter(ref = "direction"),
                    @Parameter(ref = "callStatus"), @Parameter(ref = "from"), @Parameter(ref = "to"), @Parameter(ref = "limit"),
                    @Parameter(ref = "cursor") })
    @ApiResponse(responseCode = "200", description = "A page of calls")
    @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    Page<CallItem> list(@Parameter(hidden = true) @RequestParam Map<String, String> parameters) {
        return calls.list(parameters);
    }

    @GetMapping({ "/{callId}", "/{callId}/" })
    @Operation(operationId = "getCall", summary = "One call with its reports, oldest first")
    @ApiResponse(responseCode = "200", description = "The call",
            content = @Content(schema = @Schema(implementation = CallDetail.class)))
    @ApiResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    ResponseEntity<?> one(@Parameter(description = "Meta's wacid, percent-encoded: a / in it is sent as %2F")
            @PathVariable String callId, HttpServletRequest request) {
        return calls.find(callId).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ApiErrors.problem(HttpStatus.NOT_FOUND, "no call has this id", request));
    }
}
