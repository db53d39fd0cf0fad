package io.wapipeline.worker.api;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Conversations, most recently active first, and one contact's messages; with and without the trailing slash. */
@RestController
@RequestMapping("/api/whatsapp/conversations")
class ConversationController {

    private final ConversationQueries conversations;

    ConversationController(ConversationQueries conversations) {
        this.conversations = conversations;
    }

    @GetMapping({ "", "/" })
    Page<ConversationItem> list(@RequestParam Map<String, String> parameters) {
        return conversations.list(parameters);
    }

    /** The contact's messages with every business number unless {@code business} narrows it. */
    @GetMapping({ "/{contactId}/messages", "/{contactId}/messages/" })
    Page<MessageItem> messages(@PathVariable String contactId, @RequestParam Map<String, String> parameters) {
        return conversations.messages(contactId, parameters);
    }
}
