package io.wapipeline.worker.console;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Stored JSON for people: indented, or as stored when it does not parse. The template escapes it. */
final class RawJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private RawJson() {
    }

    static String pretty(String json) {
        if (json == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(json);
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        }
        catch (JacksonException notJson) {
            return json;
        }
    }
}
