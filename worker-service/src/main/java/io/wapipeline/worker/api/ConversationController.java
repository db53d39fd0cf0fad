package io.wapipeline.worker.api;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.wapipeline.worker.web.ApiDocument;

/** Conversations, most recently active first, and one contact's messages; with and without the trailing slash. */
@RestController
@RequestMapping("/api/whatsapp/conversations")
@Tag(name = "conversations")
class ConversationController {

    private final ConversationQueries conversations;

    ConversationController(ConversationQueries conversations) {
        this.conversations = conversations;
    }

    @GetMapping({ "", "/" })
    @Operation(operationId = "listConversations", summary = "Conversations, most recently active first",
            parameters = { @Parameter(ref = "business"), @Parameter(ref = "limit"), @Parameter(ref = "cursor") })
    @ApiResponse(responseCode = "200", description = "A page of conversations")
    @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    Page<ConversationItem> list(@Parameter(hidden = true) @RequestParam Map<String, String> parameters) {
        return conversations.list(parameters);
    }

    /** The contact's messages with every business number unless {@code business} narrows it. */
    @GetMapping({ "/{contactId}/messages", "/{contactId}/messages/" })
    @Operation(operationId = "listContactMessages", summary = "One contact's inbound messages, newest first",
            parameters = { @Parameter(ref = "type"), @Parameter(ref = "business"), @Parameter(ref = "q"),
                    @Parameter(ref = "from"), @Parameter(ref = "to"), @Parameter(ref = "limit"), @Parameter(ref = "cursor") })
    @ApiResponse(responseCode = "200", description = "A page of messages")
    @ApiResponse(responseCode = "400", ref = ApiDocument.BAD_REQUEST)
    Page<MessageItem> messages(@Parameter(description = "The contact's phone number (wa_id), else its business-scoped user id")
            @PathVariable String contactId, @Parameter(hidden = true) @RequestParam Map<String, String> parameters) {
        return conversations.messages(contactId, parameters);
    }
}
