package io.wapipeline.traffic.testkit;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.wapipeline.model.payload.ParsedWebhook;
import io.wapipeline.model.payload.WebhookParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reading webhook bodies in tests: as the pipeline parses them, as JSON trees, and as the set of their field paths. */
public final class Bodies {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Bodies() {
    }

    public static ParsedWebhook parse(String body) {
        return WebhookParser.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    public static JsonNode json(byte[] body) {
        return MAPPER.readTree(body);
    }

    /** Every {@code changes[]} item of every entry. */
    public static List<JsonNode> changes(byte[] body) {
        List<JsonNode> changes = new ArrayList<>();
        json(body).path("entry").forEach(entry -> entry.path("changes").forEach(changes::add));
        return changes;
    }

    /** The paths of every field, arrays written {@code []}: {@code entry[].changes[].value.metadata.phone_number_id}. */
    public static Set<String> paths(JsonNode node) {
        Set<String> paths = new TreeSet<>();
        collect(node, "", paths);
        return paths;
    }

    private static void collect(JsonNode node, String path, Set<String> paths) {
        if (node.isObject()) {
            node.properties().forEach(property -> {
                String child = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
                paths.add(child);
                collect(property.getValue(), child, paths);
            });
        }
        else if (node.isArray()) {
            node.forEach(element -> collect(element, path + "[]", paths));
        }
    }
}
