package io.wapipeline.model.payload;

import java.time.Instant;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tolerant reads of Meta's JSON: a field that is absent, null or of another shape reads as null. The one value that
 * throws is a timestamp no real webhook can have ({@link UnreadableItemException}), so that its item is kept apart.
 */
final class Json {

    /**
     * The deepest nesting a webhook may have and still be read; deeper bodies are refused whole. Meta's own nest
     * fewer than ten levels; the bound keeps the tree of a hostile body small.
     */
    static final int MAX_READ_DEPTH = 10_000;

    /** The deepest nesting an item may have to be stored as JSON; a deeper item is kept as unreadable. */
    static final int MAX_STORED_DEPTH = 1_000;

    /** The longest number a webhook may carry and still be read (digits, sign and exponent). */
    static final int MAX_NUMBER_LENGTH = 100_000;

    /** Unix seconds from 1970-01-01 to the end of 9999: what Meta can send and PostgreSQL can store. */
    static final long MAX_EPOCH_SECOND = 253_402_300_799L;

    static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_READ_DEPTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH).maxNameLength(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE).build())
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(MAX_STORED_DEPTH).build())
            .build()).build();

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
            // Through BigDecimal: a number beyond double's range reads as infinite instead of throwing.
            return value.isNumber() ? value.decimalValue().doubleValue() : Double.valueOf(value.asString());
        }
        catch (NumberFormatException notANumber) {
            return null;
        }
    }

    /**
     * Meta's timestamps: Unix seconds, as a string or a number; null when absent or not a number (such as the
     * placeholder {@code "TIMESTAMP"}).
     *
     * @throws UnreadableItemException for a number outside 1970 to 9999, which no real webhook carries
     */
    static Instant epochSeconds(JsonNode node, String field) {
        Double seconds = number(node, field);
        if (seconds == null || seconds.isNaN()) {
            return null;
        }
        if (!(seconds >= 0 && seconds <= MAX_EPOCH_SECOND)) {
            throw new UnreadableItemException(field + " " + excerpt(node.get(field).asString())
                    + " is not a time between 1970 and 9999 in Unix seconds");
        }
        return Instant.ofEpochSecond(seconds.longValue());
    }

    /** The node as JSON text, or null for an absent or empty node, or one too deep to store. */
    static String rawOrNull(JsonNode node) {
        try {
            return raw(node);
        }
        catch (JacksonException tooDeep) {
            return null;
        }
    }

    /**
     * The node as JSON text, or null for an absent or empty node.
     *
     * @throws JacksonException for a node nested deeper than {@value #MAX_STORED_DEPTH} levels
     */
    static String raw(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull() || (node.isContainer() && node.isEmpty())) {
            return null;
        }
        return MAPPER.writeValueAsString(node);
    }

    /** At most the first 40 characters of a value quoted in a reason. */
    static String excerpt(String value) {
        return excerpt(value, 40);
    }

    static String excerpt(String value, int length) {
        return value.length() <= length ? value : value.substring(0, length) + "…";
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
