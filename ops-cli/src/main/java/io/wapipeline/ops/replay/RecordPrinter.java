package io.wapipeline.ops.replay;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import io.wapipeline.model.payload.EventReceived;
import io.wapipeline.model.payload.MessageReceived;
import io.wapipeline.model.payload.ParsedWebhook;
import io.wapipeline.model.payload.StatusReported;
import io.wapipeline.model.payload.WebhookParser;
import io.wapipeline.ops.records.Headers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Prints a record for people: where and when, key, headers, the body as pretty JSON, and what the parser makes of it. */
final class RecordPrinter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PrintWriter out;

    RecordPrinter(PrintWriter out) {
        this.out = out;
    }

    void print(ConsumerRecord<String, byte[]> record) {
        out.printf("=== %s-%d@%d  %s  key=%s%n", record.topic(), record.partition(), record.offset(),
                Instant.ofEpochMilli(record.timestamp()), record.key());
        for (Header header : record.headers()) {
            out.printf("  %s: %s%n", header.key(), abbreviate(Headers.display(header)));
        }
        out.println(body(record.value()));
        events(record.value());
        out.println();
    }

    /** Long headers (a dead letter's stack trace) are cut: the reason header says it in one line. */
    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "... (" + text.length() + " characters)";
    }

    private static String body(byte[] value) {
        if (value == null) {
            return "(no value)";
        }
        try {
            JsonNode tree = JSON.readTree(value);
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
        }
        catch (RuntimeException notJson) {
            return new String(value, StandardCharsets.UTF_8);
        }
    }

    private void events(byte[] value) {
        ParsedWebhook webhook;
        try {
            webhook = WebhookParser.parse(value == null ? new byte[0] : value);
        }
        catch (RuntimeException refused) {
            out.println("parser: refused: " + refused.getMessage());
            return;
        }
        out.printf("parser: %d messages, %d statuses, %d events%n", webhook.messages().size(), webhook.statuses().size(),
                webhook.events().size());
        webhook.messages().forEach(this::message);
        webhook.statuses().forEach(this::status);
        webhook.events().forEach(this::event);
    }

    private void message(MessageReceived m) {
        out.printf("  message %s %s from %s at %s%s%n", m.messageId(), m.type(), m.contactId(), m.timestamp(),
                m.textBody() == null ? "" : ": " + m.textBody());
    }

    private void status(StatusReported s) {
        out.printf("  status %s %s to %s at %s%n", s.messageId(), s.status(), s.recipientId(), s.timestamp());
    }

    private void event(EventReceived e) {
        out.printf("  event %s field=%s at %s%n", e.kind(), e.field(), e.time());
    }
}
