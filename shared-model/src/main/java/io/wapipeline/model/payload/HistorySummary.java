package io.wapipeline.model.payload;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@code history} change value as kept in the event log: everything Meta sent (chunk metadata, errors, thread ids)
 * except each thread's messages, which are stored as messages; {@code message_count} says how many there were. A
 * chunk of thousands of messages is thus not stored twice.
 */
final class HistorySummary {

    private HistorySummary() {
    }

    static JsonNode of(JsonNode value) {
        if (!(value instanceof ObjectNode object)) {
            return value;
        }
        ObjectNode summary = object.deepCopy();
        for (JsonNode chunk : summary.path("history")) {
            for (JsonNode thread : chunk.path("threads")) {
                if (thread instanceof ObjectNode threadObject && threadObject.path("messages").isArray()) {
                    ArrayNode messages = (ArrayNode) threadObject.remove("messages");
                    threadObject.put("message_count", messages.size());
                }
            }
        }
        return summary;
    }
}
