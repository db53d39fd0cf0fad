package io.wapipeline.model.payload;

import java.time.Instant;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Tolerant reads of Meta's JSON: a field that is absent, null or of another shape reads as null, never throws. */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isValueNode() && !value.isNull() ? value.asString() : null;
    }

    static Boolean bool(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.isNull()) {
            return null;
        }
        return value.isBoolean() ? value.booleanValue() : Boolean.valueOf("true".equalsIgnoreCase(value.asString()));
    }

    static Double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isValueNode() || value.isNull()) {
            return null;
        }
        try {
            return value.isNumber() ? value.doubleValue() : Double.valueOf(value.asString());
        }
        catch (NumberFormatException notANumber) {
            return null;
        }
    }

    /** Meta's timestamps: Unix seconds, as a string or a number. */
    static Instant epochSeconds(JsonNode node, String field) {
        Double seconds = number(node, field);
        return seconds == null || seconds.isNaN() || seconds.isInfinite() ? null : Instant.ofEpochSecond(seconds.longValue());
    }

    /** The node as JSON text, or null for an absent or empty node. */
    static String raw(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull() || (node.isContainer() && node.isEmpty())) {
            return null;
        }
        return MAPPER.writeValueAsString(node);
    }

    static JsonNode object(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isObject() ? value : MAPPER.createObjectNode();
    }

    static Iterable<JsonNode> array(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isArray() ? value : MAPPER.createArrayNode();
    }

    static String firstNonNull(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
