package io.wapipeline.ops.importer;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@code messages[]} item built from a row's columns, for rows without a usable {@code raw_payload}: text into
 * {@code text.body} (and the like for the types whose text is one property), media id and caption into the media
 * object. Other types get an empty object of their type, and {@link #unmappedType} says so.
 */
record ColumnItem(ObjectNode json, Optional<String> unmappedType) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Set<String> MEDIA_TYPES = Set.of("image", "audio", "video", "document", "sticker");

    /** The types whose readable text is one property of their object, where the parser reads it. */
    private static final Map<String, String> TEXT_PROPERTY = Map.of("text", "body", "button", "text", "system", "body",
            "order", "text");

    static ColumnItem of(DjangoMessage row, Instant sentAt) {
        String type = row.messageType() == null || row.messageType().isBlank() ? "unknown" : row.messageType();
        ObjectNode item = JSON.createObjectNode().put("from", row.fromNumber()).put("id", row.messageId())
                .put("timestamp", Long.toString(sentAt.getEpochSecond())).put("type", type);
        ObjectNode content = item.putObject(type);
        if (MEDIA_TYPES.contains(type)) {
            WebhookEnvelope.putIfPresent(content, "id", row.mediaId());
            WebhookEnvelope.putIfPresent(content, "caption", row.textBody());
            return new ColumnItem(item, Optional.empty());
        }
        if (TEXT_PROPERTY.containsKey(type)) {
            WebhookEnvelope.putIfPresent(content, TEXT_PROPERTY.get(type), row.textBody());
            return new ColumnItem(item, Optional.empty());
        }
        return new ColumnItem(item, Optional.of(type));
    }
}
