package io.wapipeline.traffic.compose;

import java.util.List;
import java.util.random.RandomGenerator;

import tools.jackson.databind.node.ObjectNode;

/**
 * Builds inbound {@code messages[]} items of every type in {@link InboundType}, shaped like the fixtures in
 * test-support ({@code webhooks/*.json}). Media objects carry {@code id} and {@code mime_type} (and {@code filename}
 * for documents) but no {@code sha256}: the local stack's fake Graph API serves generated sample bytes for any media
 * id, so a hash announced here could never match what the worker downloads.
 */
final class InboundMessages {

    private static final List<String> FILENAMES = List.of("lease-2026.pdf", "invoice 7731.pdf", "Übersicht_Mai.pdf");
    private static final List<String> EMOJI = List.of("👍", "❤️", "😂", "🙏", "😮");
    private static final List<Choice> BUTTONS = List.of(
            new Choice("confirm-order", "Yes, confirm", null), new Choice("cancel-order", "No, cancel", null));
    private static final List<Choice> LIST_ROWS = List.of(
            new Choice("slot-0930", "Wed 09:30", "Jakarta Selatan branch"),
            new Choice("slot-1415", "Thu 14:15", "Zürich Hauptbahnhof"));
    private static final List<Choice> QUICK_REPLIES = List.of(
            new Choice("STOP_PROMOTIONS", "Stop promotions", null), new Choice("TALK_TO_AGENT", "Falar com atendente", null));
    private static final List<Place> PLACES = List.of(
            new Place(51.523767, -0.1585557, "Sherlock Holmes Museum", "221B Baker St, London NW1 6XE"),
            new Place(-23.561414, -46.655881, "MASP", "Av. Paulista, 1578 - Bela Vista, São Paulo"));

    private final SimulatedBusiness business;
    private final MessageIds ids;
    private final RandomGenerator random;

    InboundMessages(SimulatedBusiness business, MessageIds ids, RandomGenerator random) {
        this.business = business;
        this.ids = ids;
        this.random = random;
    }

    /** A text message with this body. */
    SimulatedItem text(Contact from, long timestamp, String body) {
        String id = ids.nextInbound();
        ObjectNode json = envelope(id, InboundType.TEXT, from, timestamp);
        json.putObject("text").put("body", body);
        return SimulatedItem.message(id, from, json);
    }

    /** A message of {@code type}; replies and reactions refer to {@code businessMessageId}, a message the business sent. */
    SimulatedItem of(InboundType type, Contact from, long timestamp, String businessMessageId) {
        if (type == InboundType.TEXT) {
            return text(from, timestamp, SampleTexts.chatLine(random));
        }
        String id = ids.nextInbound();
        ObjectNode json = envelope(id, type, from, timestamp);
        switch (type) {
            case IMAGE, VIDEO, VOICE, DOCUMENT, STICKER -> media(type, json);
            case LOCATION -> location(json);
            case CONTACTS -> contactCard(json);
            case BUTTON_REPLY -> buttonReply(replyContext(json, businessMessageId));
            case LIST_REPLY -> listReply(replyContext(json, businessMessageId));
            case BUTTON -> quickReply(replyContext(json, businessMessageId));
            case REACTION -> reaction(json, businessMessageId);
            default -> throw new IllegalArgumentException("no content for " + type);
        }
        return SimulatedItem.message(id, from, json);
    }

    private static ObjectNode envelope(String id, InboundType type, Contact from, long timestamp) {
        return MetaJson.object().put("from", from.waId()).put("id", id).put("timestamp", Long.toString(timestamp))
                .put("type", type.metaType);
    }

    private void media(InboundType type, ObjectNode message) {
        ObjectNode media = message.putObject(type.metaType);
        if (type == InboundType.IMAGE || type == InboundType.DOCUMENT) {
            maybeCaption(media);
        }
        switch (type) {
            case IMAGE -> media.put("mime_type", "image/jpeg");
            case VIDEO -> media.put("mime_type", "video/mp4");
            case VOICE -> media.put("mime_type", "audio/ogg; codecs=opus").put("voice", true);
            case DOCUMENT -> media.put("filename", pick(FILENAMES)).put("mime_type", "application/pdf");
            default -> media.put("mime_type", "image/webp").put("animated", random.nextBoolean());
        }
        media.put("id", ids.nextMedia());
    }

    private void maybeCaption(ObjectNode media) {
        if (random.nextBoolean()) {
            media.put("caption", SampleTexts.chatLine(random));
        }
    }

    private void location(ObjectNode message) {
        Place place = pick(PLACES);
        message.putObject("location").put("address", place.address()).put("latitude", place.latitude())
                .put("longitude", place.longitude()).put("name", place.name());
    }

    /** A shared contact card with every part Meta sends, as in test-support's {@code contacts.json}. */
    private static void contactCard(ObjectNode message) {
        ObjectNode card = message.putArray("contacts").addObject();
        card.putArray("addresses").addObject().put("city", "Madrid").put("country", "Spain").put("country_code", "ES")
                .put("street", "Calle Mayor 1").put("type", "WORK").put("zip", "28013");
        card.put("birthday", "1990-04-12");
        card.putArray("emails").addObject().put("email", "marta@example.es").put("type", "WORK");
        card.putObject("name").put("first_name", "Marta").put("formatted_name", "Marta García").put("last_name", "García");
        card.putObject("org").put("company", "Ferretería García").put("title", "Owner");
        card.putArray("phones").addObject().put("phone", "+34 612 34 99 88").put("type", "CELL").put("wa_id", "34612349988");
        card.putArray("urls").addObject().put("url", "https://ferreteria.example.es").put("type", "WORK");
    }

    /** Replies answer a message the business sent, named in {@code context}. */
    private ObjectNode replyContext(ObjectNode message, String businessMessageId) {
        message.putObject("context").put("from", business.displayPhoneNumber()).put("id", businessMessageId);
        return message;
    }

    private void buttonReply(ObjectNode message) {
        Choice button = pick(BUTTONS);
        message.putObject("interactive").put("type", "button_reply").putObject("button_reply")
                .put("id", button.id()).put("title", button.title());
    }

    private void listReply(ObjectNode message) {
        Choice row = pick(LIST_ROWS);
        message.putObject("interactive").put("type", "list_reply").putObject("list_reply")
                .put("id", row.id()).put("title", row.title()).put("description", row.description());
    }

    /** A template's quick-reply button: Meta sends its payload and text as type {@code button}. */
    private void quickReply(ObjectNode message) {
        Choice quickReply = pick(QUICK_REPLIES);
        message.putObject("button").put("payload", quickReply.id()).put("text", quickReply.title());
    }

    /** One reaction in ten is a removal, which Meta sends as an empty emoji. */
    private void reaction(ObjectNode message, String businessMessageId) {
        String emoji = random.nextInt(10) == 0 ? "" : pick(EMOJI);
        message.putObject("reaction").put("message_id", businessMessageId).put("emoji", emoji);
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private record Choice(String id, String title, String description) {
    }

    private record Place(double latitude, double longitude, String name, String address) {
    }
}
