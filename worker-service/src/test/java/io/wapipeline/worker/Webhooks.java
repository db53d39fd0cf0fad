package io.wapipeline.worker;

import java.util.List;

/** Meta-shaped webhook bodies built in code, for tests that need many or varied ones. */
public final class Webhooks {

    public static final String BUSINESS = "PN-TEST";

    private Webhooks() {
    }

    /** A {@code messages[]} item of type text. */
    public static String textItem(String messageId, String from, String body, long timestamp) {
        return """
                {"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"%s"}}"""
                .formatted(from, messageId, timestamp, body);
    }

    /** A {@code messages[]} item of type edit: its sender changed the text of {@code originalId} to {@code body}. */
    public static String editItem(String messageId, String from, String originalId, String body, long timestamp) {
        return """
                {"from":"%s","id":"%s","timestamp":"%d","type":"edit",
                 "edit":{"original_message_id":"%s","message":{"type":"text","text":{"body":"%s"}}}}"""
                .formatted(from, messageId, timestamp, originalId, body);
    }

    /** A {@code messages[]} item of type revoke: its sender deleted {@code originalId}. */
    public static String revokeItem(String messageId, String from, String originalId, long timestamp) {
        return """
                {"from":"%s","id":"%s","timestamp":"%d","type":"revoke","revoke":{"original_message_id":"%s"}}"""
                .formatted(from, messageId, timestamp, originalId);
    }

    /**
     * A media message ({@code image}, {@code video}, {@code audio}, {@code document} or {@code sticker}) announcing
     * {@code sha256Base64} (or none when null), sent now.
     */
    public static String media(String type, String messageId, String from, String mediaId, String mimeType,
            String sha256Base64, String filename) {
        String item = """
                {"from":"%s","id":"%s","timestamp":"%d","type":"%s","%s":{"id":"%s","mime_type":"%s"%s%s}}"""
                .formatted(from, messageId, java.time.Instant.now().getEpochSecond(), type, type, mediaId, mimeType,
                        sha256Base64 == null ? "" : ",\"sha256\":\"" + sha256Base64 + "\"",
                        filename == null ? "" : ",\"filename\":\"" + filename + "\"");
        return envelope(List.of(entry("WABA-TEST", List.of(change(List.of(item), List.of())))));
    }

    /** A {@code statuses[]} item. */
    public static String statusItem(String messageId, String status, String recipient, long timestamp) {
        return """
                {"id":"%s","status":"%s","timestamp":"%d","recipient_id":"%s"}"""
                .formatted(messageId, status, timestamp, recipient);
    }

    /**
     * A {@code statuses[]} item of a message sent to a group: the status Meta reports for one participant, named by
     * phone number and business-scoped user id (either may be null).
     */
    public static String groupStatusItem(String messageId, String status, String groupId, String participantPhone,
            String participantUserId, long timestamp) {
        return """
                {"id":"%s","status":"%s","timestamp":"%d","recipient_id":"%s","recipient_type":"group"%s%s}"""
                .formatted(messageId, status, timestamp, groupId,
                        participantPhone == null ? "" : ",\"recipient_participant_id\":\"" + participantPhone + "\"",
                        participantUserId == null ? "" : ",\"recipient_participant_user_id\":\"" + participantUserId + "\"");
    }

    /** A {@code messages} change value with these messages and statuses. */
    public static String change(List<String> messages, List<String> statuses) {
        return """
                {"field":"messages","value":{"messaging_product":"whatsapp",
                 "metadata":{"display_phone_number":"15550009999","phone_number_id":"%s"},
                 "messages":[%s],"statuses":[%s]}}"""
                .formatted(BUSINESS, String.join(",", messages), String.join(",", statuses));
    }

    /** An entry with these changes. */
    public static String entry(String wabaId, List<String> changes) {
        return "{\"id\":\"" + wabaId + "\",\"changes\":[" + String.join(",", changes) + "]}";
    }

    /** The whole envelope. */
    public static String envelope(List<String> entries) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[" + String.join(",", entries) + "]}";
    }

    public static String text(String messageId, String from, String body, long timestamp) {
        return envelope(List.of(entry("WABA-TEST", List.of(change(List.of(textItem(messageId, from, body, timestamp)), List.of())))));
    }

    public static String statuses(List<String> statusItems) {
        return envelope(List.of(entry("WABA-TEST", List.of(change(List.of(), statusItems)))));
    }

}
