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

    private final MessageQueries messages;

    MessageController(MessageQueries messages) {
        this.messages = messages;
    }

    @GetMapping({ "", "/" })
    Page<MessageItem> list(@RequestParam Map<String, String> parameters) {
        return messages.list(parameters);
    }

    @GetMapping({ "/{messageId}", "/{messageId}/" })
    ResponseEntity<?> one(@PathVariable String messageId, HttpServletRequest request) {
        return messages.find(messageId).<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> ApiErrors.problem(HttpStatus.NOT_FOUND, "no message and no status has this id", request));
    }
}
