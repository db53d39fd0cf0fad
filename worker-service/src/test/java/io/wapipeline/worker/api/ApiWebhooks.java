package io.wapipeline.worker.api;

import java.util.List;

import io.wapipeline.worker.Webhooks;

/** Webhook bodies for the API's and the console's tests: each test names its own business number and contacts. */
public final class ApiWebhooks {

    static final long T = 1_778_000_000L;

    private ApiWebhooks() {
    }

    /** Messages from one contact (named in {@code contacts[]}) to one business number. */
    public static String messages(String business, String contact, String name, String... items) {
        return Webhooks.envelope(List.of(Webhooks.entry("WABA-API", List.of("""
                {"field":"messages","value":{"messaging_product":"whatsapp",
                 "metadata":{"display_phone_number":"15550002222","phone_number_id":"%s"},
                 "contacts":[{"profile":{"name":"%s"},"wa_id":"%s"}],
                 "messages":[%s]}}""".formatted(business, name, contact, String.join(",", items))))));
    }

    /** Statuses of outbound messages sent from one business number. */
    public static String statuses(String business, String... items) {
        return Webhooks.envelope(List.of(Webhooks.entry("WABA-API", List.of("""
                {"field":"messages","value":{"messaging_product":"whatsapp",
                 "metadata":{"display_phone_number":"15550002222","phone_number_id":"%s"},
                 "statuses":[%s]}}""".formatted(business, String.join(",", items))))));
    }

    public static String text(String messageId, String from, long timestamp, String body) {
        return Webhooks.textItem(messageId, from, body, timestamp);
    }

    public static String reply(String messageId, String from, long timestamp, String body, String repliedTo) {
        return """
                {"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"%s"},
                 "context":{"from":"15550002222","id":"%s"}}""".formatted(from, messageId, timestamp, body, repliedTo);
    }

    public static String image(String messageId, String from, long timestamp, String mediaId, String caption) {
        return """
                {"from":"%s","id":"%s","timestamp":"%d","type":"image",
                 "image":{"caption":"%s","mime_type":"image/jpeg","sha256":"YQXWzHavQAMl6U1YjOURvlv9u3O0N9xR7KQ5F9ekPj0=","id":"%s"}}"""
                .formatted(from, messageId, timestamp, caption, mediaId);
    }

    public static String document(String messageId, String from, long timestamp, String mediaId, String filename) {
        return """
                {"from":"%s","id":"%s","timestamp":"%d","type":"document",
                 "document":{"filename":"%s","mime_type":"application/pdf","sha256":"c2hhMjU2","id":"%s"}}"""
                .formatted(from, messageId, timestamp, filename, mediaId);
    }

    public static String location(String messageId, String from, long timestamp) {
        return """
                {"from":"%s","id":"%s","timestamp":"%d","type":"location",
                 "location":{"address":"221B Baker St, London NW1 6XE","latitude":51.523767,"longitude":-0.1585557,
                  "name":"Sherlock Holmes Museum"}}""".formatted(from, messageId, timestamp);
    }

    public static String reaction(String messageId, String from, long timestamp, String reactedTo, String emoji) {
        return """
                {"from":"%s","id":"%s","timestamp":"%d","type":"reaction",
                 "reaction":{"message_id":"%s","emoji":"%s"}}""".formatted(from, messageId, timestamp, reactedTo, emoji);
    }

    public static String status(String messageId, String status, long timestamp, String recipient) {
        return Webhooks.statusItem(messageId, status, recipient, timestamp);
    }

    /** A status with the conversation and pricing Meta sent before API v24.0. */
    public static String pricedStatus(String messageId, String status, long timestamp, String recipient) {
        return """
                {"id":"%s","status":"%s","timestamp":"%d","recipient_id":"%s",
                 "conversation":{"id":"CONV-API","expiration_timestamp":"%d","origin":{"type":"utility"}},
                 "pricing":{"billable":true,"pricing_model":"PMP","category":"utility","type":"regular"},
                 "biz_opaque_callback_data":"order-17"}"""
                .formatted(messageId, status, timestamp, recipient, timestamp + 86_400);
    }

    public static String failedStatus(String messageId, long timestamp, String recipient) {
        return """
                {"id":"%s","status":"failed","timestamp":"%d","recipient_id":"%s",
                 "errors":[{"code":131026,"title":"Message undeliverable"}]}""".formatted(messageId, timestamp, recipient);
    }
}
