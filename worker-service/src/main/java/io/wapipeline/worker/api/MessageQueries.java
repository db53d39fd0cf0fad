package io.wapipeline.worker.api;

import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;

/**
 * The read API's message queries, for the API's controllers and the console alike: a page of stored messages by the
 * API's filters, and one message (inbound, or an outbound one known only by its statuses) with its status history.
 */
@Service
public class MessageQueries {

    private final MessageReadRepository messages;
    private final StatusReadRepository statuses;

    MessageQueries(MessageReadRepository messages, StatusReadRepository statuses) {
        this.messages = messages;
        this.statuses = statuses;
    }

    /**
     * A page, newest first, by the API's query parameters ({@code contact}, {@code type}, {@code business}, {@code q},
     * {@code from}, {@code to}, {@code limit}, {@code cursor}).
     *
     * @throws io.wapipeline.worker.web.BadParameterException for a parameter that cannot be read
     */
    public Page<MessageItem> list(Map<String, String> parameters) {
        return messages.list(MessageFilter.of(parameters));
    }

    /** The message with this id and its statuses, or empty when there is neither a message nor a status for it. */
    public Optional<MessageDetail> find(String messageId) {
        var history = statuses.history(messageId);
        var current = statuses.current(messageId).orElse(null);
        var stored = messages.find(messageId);
        if (stored.isEmpty() && history.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(stored.map(message -> MessageDetail.inbound(message, current, history))
                .orElseGet(() -> MessageDetail.outbound(messageId, current, history)));
    }
}
