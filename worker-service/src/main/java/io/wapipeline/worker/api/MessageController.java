package io.wapipeline.worker.api;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletRequest;
import io.wapipeline.worker.web.ApiErrors;

/** Stored messages, newest first, and one message with its delivery statuses; with and without the trailing slash. */
@RestController
@RequestMapping("/api/whatsapp/messages")
class MessageController {

    private final MessageReadRepository messages;
    private final StatusReadRepository statuses;

    MessageController(MessageReadRepository messages, StatusReadRepository statuses) {
        this.messages = messages;
        this.statuses = statuses;
    }

    @GetMapping({ "", "/" })
    Page<MessageItem> list(@RequestParam Map<String, String> parameters) {
        return messages.list(MessageFilter.of(parameters));
    }

    @GetMapping({ "/{messageId}", "/{messageId}/" })
    ResponseEntity<?> one(@PathVariable String messageId, HttpServletRequest request) {
        var history = statuses.history(messageId);
        var current = statuses.current(messageId).orElse(null);
        var stored = messages.find(messageId);
        if (stored.isEmpty() && history.isEmpty()) {
            return ApiErrors.problem(HttpStatus.NOT_FOUND, "no message and no status has this id", request);
        }
        return ResponseEntity.ok(stored.map(message -> MessageDetail.inbound(message, current, history))
                .orElseGet(() -> MessageDetail.outbound(messageId, current, history)));
    }
}
