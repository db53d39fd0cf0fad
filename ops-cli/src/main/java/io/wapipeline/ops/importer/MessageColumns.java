package io.wapipeline.ops.importer;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The columns of {@code whatsapp_whatsappmessage} the importer reads, found by name: Django models of this table differ
 * between versions of the app, so every optional value is the first of its candidate names the table has.
 */
record MessageColumns(Optional<String> textBody, Optional<String> mediaId, Optional<String> rawPayload,
        Optional<String> createdAt, Optional<String> conversationId, Optional<String> contactName,
        Optional<String> wabaId, Optional<String> phoneNumberId, Optional<String> displayPhoneNumber) {

    static final String TABLE = "whatsapp_whatsappmessage";
    static final List<String> REQUIRED = List.of("id", "message_id", "from_number", "message_type", "timestamp");

    static final List<String> TEXT_BODY = List.of("text_body", "body");
    static final List<String> MEDIA_ID = List.of("media_id");
    static final List<String> RAW_PAYLOAD = List.of("raw_payload", "payload");
    static final List<String> CREATED_AT = List.of("created_at", "created", "received_at");
    static final List<String> CONVERSATION_ID = List.of("conversation_id");
    static final List<String> CONTACT_NAME = List.of("contact_name", "profile_name");
    static final List<String> WABA_ID = List.of("waba_id", "business_account_id");
    static final List<String> PHONE_NUMBER_ID = List.of("phone_number_id", "business_phone_number_id");
    static final List<String> DISPLAY_PHONE_NUMBER = List.of("display_phone_number", "to_number");

    /**
     * The columns to read from those the table has.
     *
     * @throws IllegalArgumentException naming the table when it is absent, or the required columns it lacks
     */
    static MessageColumns of(Set<String> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("there is no table " + TABLE + " that this user can read (looked in the "
                    + "current schema): is --from the Django app's database, with the app label whatsapp?");
        }
        List<String> missing = REQUIRED.stream().filter(name -> !columns.contains(name)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(TABLE + " has no column " + String.join(", ", missing) + " (it has "
                    + String.join(", ", new TreeSet<>(columns)) + "); the importer needs " + String.join(", ", REQUIRED));
        }
        return new MessageColumns(first(columns, TEXT_BODY), first(columns, MEDIA_ID), first(columns, RAW_PAYLOAD),
                first(columns, CREATED_AT), first(columns, CONVERSATION_ID), first(columns, CONTACT_NAME),
                first(columns, WABA_ID), first(columns, PHONE_NUMBER_ID), first(columns, DISPLAY_PHONE_NUMBER));
    }

    private static Optional<String> first(Set<String> columns, List<String> candidates) {
        return candidates.stream().filter(columns::contains).findFirst();
    }
}
