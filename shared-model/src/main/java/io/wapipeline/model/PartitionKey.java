package io.wapipeline.model;

import java.util.Optional;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The Kafka key of a raw webhook: the first contact, sender or recipient id in the body, else the first
 * entry id. It keeps one contact's updates on one partition (so in order) while spreading contacts over
 * all partitions. Reads tokens only up to the first id, never the whole document into memory.
 */
public final class PartitionKey {

    private static final Set<String> CONTACT_FIELDS = Set.of(
            "wa_id", "from", "recipient_id", "user_id", "from_user_id", "recipient_user_id");

    private static final JsonFactory JSON = new JsonFactory();

    private PartitionKey() {
    }

    /** Longer ids are keyed by their digest, so that a huge id cannot make the record too large for Kafka. */
    static final int MAX_KEY_LENGTH = 256;

    /** The key for this body; empty when the body is not JSON or names no contact and no entry. */
    public static Optional<String> of(byte[] body) {
        try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), body)) {
            return scan(parser).map(PartitionKey::bounded);
        }
        catch (JacksonException notJson) {
            return Optional.empty();
        }
    }

    private static Optional<String> scan(JsonParser parser) {
        String entryId = null;
        JsonToken token;
        while ((token = parser.nextToken()) != null) {
            if (token != JsonToken.VALUE_STRING) {
                continue;
            }
            String field = parser.currentName();
            if (field == null) {
                continue; // a string inside an array has no name
            }
            if (CONTACT_FIELDS.contains(field) && !parser.getString().isEmpty()) {
                return Optional.of(parser.getString());
            }
            if (entryId == null && "id".equals(field) && isEntryLevel(parser)) {
                entryId = parser.getString();
            }
        }
        return Optional.ofNullable(entryId);
    }

    private static String bounded(String key) {
        return key.length() <= MAX_KEY_LENGTH ? key : "sha256:" + Digests.sha256Hex(key);
    }

    /** True when the parser stands on a field of an {@code entry[]} element. */
    private static boolean isEntryLevel(JsonParser parser) {
        var entryArray = parser.streamReadContext().getParent();
        return entryArray != null && entryArray.inArray() && "entry".equals(entryArray.getParent().currentName());
    }
}
