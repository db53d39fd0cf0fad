package io.wapipeline.model.payload;

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

    /**
     * Reads a message of any source. For a history message, {@code threadId} is the thread's user; a message from
     * the business (history {@code from_me}, {@code to} present, or sent from the business number) is outbound.
     */
    static MessageReceived read(JsonNode item, Business business, Contacts contacts, MessageSource source, String threadId) {
        String type = firstNonNull(text(item, "type"), "unknown");
        JsonNode content = "edit".equals(type) ? object(object(item, "edit"), "message") : item;
        String contentType = "edit".equals(type) ? firstNonNull(text(content, "type"), "unknown") : type;
        boolean outbound = isOutbound(item, business, source);
        PersonIds sender = new PersonIds(firstNonNull(text(item, "from"), outbound ? null : threadId),
                text(item, "from_user_id"), text(item, "from_parent_user_id"));
        PersonIds to = outbound ? recipient(item, business, threadId) : PersonIds.NONE;
        Contacts.Profile profile = contacts.of(outbound ? to : sender);
        sender = outbound ? sender : sender.or(new PersonIds(null, profile.ids().userId(), profile.ids().parentUserId()));
        to = outbound ? to.or(new PersonIds(null, profile.ids().userId(), profile.ids().parentUserId())) : to;
        JsonNode body = object(content, contentType);
        Media media = MEDIA_TYPES.contains(contentType) && content.path(contentType).isObject() ? media(body) : null;
        JsonNode interactive = object(content, "interactive");
        String interactiveType = text(interactive, "type");
        JsonNode reply = interactiveType == null ? object(content, "button") : object(interactive, interactiveType);
        String rawJson = raw(item);
        return new MessageReceived(business, messageId(item, rawJson), sender.waId(), sender.userId(),
                profile.name(), profile.username(), type, epochSeconds(item, "timestamp"), readableText(contentType, content),
                text(body, "caption"), media, location(contentType, body), context(item), text(object(item, "reaction"), "message_id"),
                text(object(item, "reaction"), "emoji"), interactiveType,
                firstNonNull(text(reply, "id"), text(reply, "payload"), text(reply, "name")),
                firstNonNull(text(reply, "title"), text(reply, "text")), text(object(item, "system"), "type"),
                text(object(item, "revoke"), "original_message_id"), raw(item.get("referral")), raw(item.get("errors")), rawJson,
                sender.parentUserId(), text(item, "group_id"), source, outbound, to,
                text(object(item, "history_context"), "status"), text(object(item, "edit"), "original_message_id"),
                identityChange(object(item, "system")));
    }

    /** Echoes are the business's own; a history message is when it says so or comes from the business number. */
    private static boolean isOutbound(JsonNode item, Business business, MessageSource source) {
        return switch (source) {
            case LIVE -> false;
            case ECHO -> true;
            case HISTORY -> Boolean.TRUE.equals(bool(object(item, "history_context"), "from_me")) || item.has("to")
                    || (business.displayPhoneNumber() != null && business.displayPhoneNumber().equals(text(item, "from")));
        };
    }

    /**
     * The user an outbound message went to: {@code to} (with {@code to_user_id}), or the history thread's user.
     * Some captures swap {@code from} and {@code to}: the side that is the business number is never the user.
     */
    private static PersonIds recipient(JsonNode item, Business business, String threadId) {
        String to = firstNonNull(text(item, "to"), threadId);
        String from = text(item, "from");
        String businessNumber = business.displayPhoneNumber();
        if (businessNumber != null && businessNumber.equals(to) && from != null && !businessNumber.equals(from)) {
            to = from;
        }
        return new PersonIds(to, text(item, "to_user_id"), text(item, "to_parent_user_id"));
    }

    private static IdentityChange identityChange(JsonNode system) {
        IdentityChange change = new IdentityChange(text(system, "wa_id"), text(system, "user_id"), text(system, "previous_user_id"));
        return change.isEmpty() ? null : change;
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

}
