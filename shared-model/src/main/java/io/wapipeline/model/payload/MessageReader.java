package io.wapipeline.model.payload;

import static io.wapipeline.model.payload.Json.array;
import static io.wapipeline.model.payload.Json.bool;
import static io.wapipeline.model.payload.Json.epochSeconds;
import static io.wapipeline.model.payload.Json.firstNonNull;
import static io.wapipeline.model.payload.Json.number;
import static io.wapipeline.model.payload.Json.object;
import static io.wapipeline.model.payload.Json.raw;
import static io.wapipeline.model.payload.Json.text;

import java.util.Set;

import io.wapipeline.model.Digests;
import tools.jackson.databind.JsonNode;

/** Reads one {@code messages[]} item, of any type, into a {@link MessageReceived}. */
final class MessageReader {

    private static final Set<String> MEDIA_TYPES = Set.of("image", "video", "audio", "document", "sticker");

    private MessageReader() {
    }

    static MessageReceived read(JsonNode item, Business business, Contacts contacts) {
        String type = firstNonNull(text(item, "type"), "unknown");
        String from = text(item, "from");
        String fromUserId = text(item, "from_user_id");
        Contacts.Profile profile = contacts.of(from, fromUserId);
        JsonNode body = object(item, type);
        Media media = MEDIA_TYPES.contains(type) && item.path(type).isObject() ? media(body) : null;
        JsonNode interactive = object(item, "interactive");
        String interactiveType = text(interactive, "type");
        JsonNode reply = interactiveType == null ? object(item, "button") : object(interactive, interactiveType);
        String rawJson = raw(item);
        return new MessageReceived(business, messageId(item, rawJson), from, firstNonNull(fromUserId, profile.userId()),
                profile.name(), profile.username(), type, epochSeconds(item, "timestamp"), readableText(type, item),
                text(body, "caption"), media, location(type, body), context(item), text(object(item, "reaction"), "message_id"),
                text(object(item, "reaction"), "emoji"), interactiveType,
                firstNonNull(text(reply, "id"), text(reply, "payload"), text(reply, "name")),
                firstNonNull(text(reply, "title"), text(reply, "text")), text(object(item, "system"), "type"),
                text(object(item, "revoke"), "original_message_id"), raw(item.get("referral")), raw(item.get("errors")), rawJson);
    }

    private static String readableText(String type, JsonNode item) {
        JsonNode body = object(item, type);
        return switch (type) {
            case "text", "system" -> text(body, "body");
            case "button" -> text(body, "text");
            case "order" -> text(body, "text");
            case "location" -> firstNonNull(text(body, "name"), text(body, "address"));
            case "interactive" -> interactiveText(object(item, "interactive"));
            default -> text(body, "caption");
        };
    }

    private static String interactiveText(JsonNode interactive) {
        JsonNode reply = object(interactive, firstNonNull(text(interactive, "type"), ""));
        return firstNonNull(text(reply, "title"), text(reply, "body"));
    }

    private static Media media(JsonNode body) {
        return new Media(text(body, "id"), text(body, "mime_type"), text(body, "sha256"), text(body, "filename"),
                bool(body, "voice"), bool(body, "animated"), text(body, "url"));
    }

    private static Location location(String type, JsonNode body) {
        if (!"location".equals(type)) {
            return null;
        }
        return new Location(number(body, "latitude"), number(body, "longitude"), text(body, "name"),
                text(body, "address"), text(body, "url"));
    }

    private static ReplyContext context(JsonNode item) {
        JsonNode context = item.path("context");
        if (!context.isObject()) {
            return null;
        }
        return new ReplyContext(text(context, "id"), text(context, "from"), Boolean.TRUE.equals(bool(context, "forwarded")),
                Boolean.TRUE.equals(bool(context, "frequently_forwarded")));
    }

    /** The wamid, or for an item without one a stable id derived from its content, so that it still dedupes. */
    private static String messageId(JsonNode item, String rawJson) {
        String id = text(item, "id");
        return id != null && !id.isBlank() ? id : "sha256:" + Digests.sha256Hex(rawJson);
    }

    /** Iterates the {@code messages[]} of a change value. */
    static Iterable<JsonNode> items(JsonNode value) {
        return array(value, "messages");
    }
}
