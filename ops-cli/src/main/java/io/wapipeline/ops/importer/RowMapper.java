package io.wapipeline.ops.importer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import io.wapipeline.model.payload.Business;
import io.wapipeline.model.payload.NotAWebhookException;
import io.wapipeline.model.payload.WebhookParser;
import io.wapipeline.ops.importer.Mapped.Reason;
import io.wapipeline.ops.importer.Mapped.Source;
import io.wapipeline.ops.importer.Mapped.Unreadable;
import io.wapipeline.ops.importer.Mapped.Webhook;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a Django message row into the webhook that brings its message into the pipeline: its {@code raw_payload} as
 * is when that is a whole webhook holding the message, wrapped in an envelope when it is the message item, and
 * otherwise an item built from the columns, wrapped likewise. Pure: no I/O.
 */
final class RowMapper {

    /** The entry id of a wrapped item when the table keeps no account id. */
    static final String DEFAULT_ENTRY_ID = "django-import";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Optional<String> phoneNumberId;

    /** @param phoneNumberId {@code --phone-number-id}: the business number of rows that name none */
    RowMapper(Optional<String> phoneNumberId) {
        this.phoneNumberId = phoneNumberId;
    }

    /** @param conversationName the contact's name from {@code whatsapp_whatsappconversation}, if it has one */
    Mapped map(DjangoMessage row, Optional<String> conversationName) {
        Optional<Unreadable> unreadable = missingValue(row);
        if (unreadable.isPresent()) {
            return unreadable.get();
        }
        Optional<JsonNode> payload;
        try {
            payload = payload(row.rawPayload());
        }
        catch (JacksonException notJson) {
            return new Unreadable(row.id(), Reason.RAW_PAYLOAD_NOT_JSON, row.rawPayload());
        }
        Instant sentAt = SourceTime.instant(row.timestamp()).orElseThrow();
        Instant receivedAt = SourceTime.instant(row.createdAt()).orElse(sentAt);
        Optional<String> contactName = present(row.contactName()).or(() -> conversationName);
        return webhook(row, payload, sentAt, contactName, receivedAt);
    }

    private static Optional<Unreadable> missingValue(DjangoMessage row) {
        if (present(row.messageId()).isEmpty()) {
            return Optional.of(new Unreadable(row.id(), Reason.NO_MESSAGE_ID, null));
        }
        if (present(row.fromNumber()).isEmpty()) {
            return Optional.of(new Unreadable(row.id(), Reason.NO_FROM_NUMBER, null));
        }
        if (row.timestamp() == null) {
            return Optional.of(new Unreadable(row.id(), Reason.NO_TIMESTAMP, null));
        }
        if (SourceTime.instant(row.timestamp()).isEmpty()) {
            return Optional.of(new Unreadable(row.id(), Reason.BAD_TIMESTAMP, String.valueOf(row.timestamp())));
        }
        return Optional.empty();
    }

    private Webhook webhook(DjangoMessage row, Optional<JsonNode> payload, Instant sentAt, Optional<String> contactName,
            Instant receivedAt) {
        if (payload.isPresent() && holdsMessage(row.rawPayload(), row.messageId())) {
            return new Webhook(row.id(), row.messageId(), Source.RAW_WEBHOOK, row.rawPayload().getBytes(StandardCharsets.UTF_8),
                    receivedAt, Optional.empty());
        }
        if (payload.isPresent() && isItemOf(payload.get(), row.messageId())) {
            return new Webhook(row.id(), row.messageId(), Source.RAW_ITEM,
                    WebhookEnvelope.around(payload.get(), business(row), contactName), receivedAt, Optional.empty());
        }
        ColumnItem item = ColumnItem.of(row, sentAt);
        return new Webhook(row.id(), row.messageId(), payload.isPresent() ? Source.COLUMNS_OVER_PAYLOAD : Source.COLUMNS,
                WebhookEnvelope.around(item.json(), business(row), contactName), receivedAt, item.unmappedType());
    }

    /** The payload as JSON; empty for none: null, blank, JSON {@code null} or {@code {}}. */
    private static Optional<JsonNode> payload(String rawPayload) {
        if (rawPayload == null || rawPayload.isBlank()) {
            return Optional.empty();
        }
        JsonNode tree = JSON.readTree(rawPayload);
        return tree.isNull() || (tree.isObject() && tree.isEmpty()) ? Optional.empty() : Optional.of(tree);
    }

    /** Whether the parser the worker runs finds the message in this body. */
    private static boolean holdsMessage(String rawPayload, String messageId) {
        try {
            return WebhookParser.parse(rawPayload.getBytes(StandardCharsets.UTF_8)).messages().stream()
                    .anyMatch(message -> messageId.equals(message.messageId()));
        }
        catch (NotAWebhookException notAWebhook) {
            return false;
        }
    }

    private static boolean isItemOf(JsonNode payload, String messageId) {
        return payload.isObject() && messageId.equals(payload.path("id").asString(null)) && payload.path("from").isString()
                && payload.path("type").isString();
    }

    private Business business(DjangoMessage row) {
        return new Business(present(row.wabaId()).orElse(DEFAULT_ENTRY_ID), present(row.phoneNumberId()).or(() -> phoneNumberId)
                .orElse(null), row.displayPhoneNumber());
    }

    private static Optional<String> present(String value) {
        return Optional.ofNullable(value).filter(text -> !text.isBlank());
    }
}
