package io.wapipeline.model.payload;

import java.util.List;

/** Everything one webhook payload carried, item by item. */
public record ParsedWebhook(List<MessageReceived> messages, List<StatusReported> statuses, List<EventReceived> events) {

    public int size() {
        return messages.size() + statuses.size() + events.size();
    }
}
