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
import jakarta.servlet.http.HttpServletRequest;
import io.wapipeline.worker.web.ApiDocument;
import io.wapipeline.worker.web.ApiErrors;

/** Stored messages, newest first, and one message with its delivery statuses; with and without the trailing slash. */
@RestController
@RequestMapping("/api/whatsapp/messages")
@Tag(name = "messages")
class MessageController {

    private final MessageQueries messages;

    MessageController(MessageQueries messages) {
        this.messages = messages;
    }

    @GetMapping({ "", "/" })
    @Operation(operationId = "listMessages", summary = "Stored inbound messages, newest first; the filters apply together",
            parameters = { @Parameter(ref = "contact"), @Parameter(ref = "type"), @Parameter(ref = "business"),
                    @Parameter(ref = "q"), @Parameter(ref = "from"), @Parameter(ref = "to"), @Parameter(ref = "limit"),
                    @Parameter(ref = "cursor") })
    @ApiResponse(responseCode = "200", description = "A page of messages")
    @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    Page<MessageItem> list(@Parameter(hidden = true) @RequestParam Map<String, String> parameters) {
        return messages.list(parameters);
    }

    @GetMapping({ "/{messageId}", "/{messageId}/" })
    @Operation(operationId = "getMessage", summary = "One message with its delivery statuses, oldest first",
            description = "An inbound message with its raw payload, or an outbound one known only by its statuses "
                    + "(direction outbound, message fields null).")
    @ApiResponse(responseCode = "200", description = "The message",
            content = @Content(schema = @Schema(implementation = MessageDetail.class)))
    @ApiResponse(responseCode = "404", ref = ApiDocument.NOT_FOUND)
    ResponseEntity<?> one(@Parameter(description = "Meta's wamid, percent-encoded: a / in it is sent as %2F")
            @PathVariable String messageId, HttpServletRequest request) {
        return messages.find(messageId).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ApiErrors.problem(HttpStatus.NOT_FOUND, "no message and no status has this id", request));
    }
}
