package io.wapipeline.worker.store;

import java.util.Optional;

import io.wapipeline.model.payload.MessageReceived;

/** The keys a message is filed under: its business number and its contact, never null. */
public final class MessageKeys {

    private MessageKeys() {
    }

    /** The business phone number id a message was sent to or from; {@code ''} when Meta named none. */
    public static String businessNumber(MessageReceived message) {
        return Optional.ofNullable(message.business().phoneNumberId()).orElse("");
    }

    /** The contact a message belongs to; {@code ''} when Meta named neither a phone number nor a user id. */
    public static String contactId(MessageReceived message) {
        return Optional.ofNullable(message.contactId()).orElse("");
    }
}
