package io.wapipeline.bench;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The messages and status reports of a webhook body, read with plain Jackson: not with the pipeline's own parser, which
 * is part of what the fault suite checks.
 */
final class WebhookItems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private WebhookItems() {
    }

    static List<Item> of(byte[] body) {
        List<Item> items = new ArrayList<>();
        for (JsonNode entry : JSON.readTree(body).path("entry")) {
            for (JsonNode change : entry.path("changes")) {
                change.path("value").path("messages").forEach(message -> items.add(Item.message(message.path("id").asString())));
                change.path("value").path("statuses").forEach(status -> items.add(
                        Item.status(status.path("id").asString(), status.path("status").asString())));
            }
        }
        return items;
    }
}
