package io.wapipeline.ops.records;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.wapipeline.model.payload.ParsedWebhook;
import io.wapipeline.model.payload.WebhookParser;

/**
 * Which records of a topic to take: a time range (record timestamps), partitions with an offset range, and content
 * filters (a message id or a contact among the webhook's items). Every part is optional; together they must all hold.
 */
public record Selection(Optional<Instant> from, Optional<Instant> to, List<Integer> partitions, Optional<Long> fromOffset,
        Optional<Long> toOffset, Optional<String> messageId, Optional<String> contact, Optional<String> reason) {


    /** Whether the record's content matches the filters (its position was already chosen by the reader). */
    public boolean matches(ConsumerRecord<String, byte[]> record) {
        if (to.isPresent() && record.timestamp() > to.get().toEpochMilli()) {
            return false;
        }
        if (reason.isPresent() && !Headers.text(record, Headers.DEAD_LETTER_REASON).orElse("").contains(reason.get())) {
            return false;
        }
        if (messageId.isEmpty() && contact.isEmpty()) {
            return true;
        }
        return parse(record).map(this::matchesItems).orElseGet(() -> matchesText(record));
    }

    private boolean matchesItems(ParsedWebhook webhook) {
        boolean message = messageId.map(id -> webhook.messages().stream().anyMatch(m -> id.equals(m.messageId()))
                || webhook.statuses().stream().anyMatch(s -> id.equals(s.messageId()))).orElse(true);
        boolean person = contact.map(c -> webhook.messages().stream().anyMatch(m -> c.equals(m.contactId()))
                || webhook.statuses().stream().anyMatch(s -> c.equals(s.recipientId()) || c.equals(s.recipientUserId())))
                .orElse(true);
        return message && person;
    }

    /** A record the parser refuses (a dead letter) matches when its bytes contain the id or contact. */
    private boolean matchesText(ConsumerRecord<String, byte[]> record) {
        String text = record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
        return messageId.map(text::contains).orElse(true) && contact.map(text::contains).orElse(true);
    }

    static Optional<ParsedWebhook> parse(ConsumerRecord<String, byte[]> record) {
        try {
            return Optional.of(WebhookParser.parse(record.value() == null ? new byte[0] : record.value()));
        }
        catch (RuntimeException unparseable) {
            return Optional.empty();
        }
    }
}
