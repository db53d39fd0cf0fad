package io.wapipeline.worker.conversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.wapipeline.model.payload.MessageReceived;
import io.wapipeline.worker.store.MessageKeys;
import io.wapipeline.worker.store.FiledMessage;

/**
 * What a batch of newly stored messages adds to one conversation. The newest message (by time, then wamid) sets
 * the preview, and the newest message naming the contact sets the profile, with the same rules the upsert applies,
 * so the result does not depend on how messages were split into batches or in which order they came.
 *
 * @param key         the conversation: business number and contact
 * @param displayPhoneNumber the business number as Meta displays it, from the newest message
 * @param contact     who the contact is, as far as these messages say
 * @param firstAt     the oldest message's time
 * @param last        the newest message
 * @param count       how many messages
 */
record ConversationActivity(Key key, String displayPhoneNumber, Contact contact, Instant firstAt, LastMessage last, long count) {

    /** A conversation: one business number with one contact; ordered so that concurrent upserts lock rows alike. */
    record Key(String phoneNumberId, String contactId, boolean group) implements Comparable<Key> {

        private static final Comparator<Key> ORDER = Comparator.comparing(Key::phoneNumberId).thenComparing(Key::contactId);

        static Key of(FiledMessage message) {
            return new Key(MessageKeys.businessNumber(message.item()), message.conversationKey(), message.inGroup());
        }

        @Override
        public int compareTo(Key other) {
            return ORDER.compare(this, other);
        }
    }

    /**
     * The contact: the first phone number and user id the messages name, and the profile (name, username) of the
     * newest message that has one, with that message's time; nulls where the messages say nothing.
     */
    record Contact(String waId, String userId, String name, String username, Instant profileAt) {
    }

    /** The newest message: what the conversation list shows. */
    record LastMessage(String id, String type, String preview, Instant at) {
    }

    private static final int PREVIEW_LENGTH = 120;

    private static final Comparator<FiledMessage> BY_TIME_THEN_ID = Comparator
            .comparing(ConversationActivity::time).thenComparing(r -> r.item().messageId());

    private static final Comparator<FiledMessage> BY_TIME_THEN_NAME = Comparator
            .comparing(ConversationActivity::time).thenComparing(r -> Objects.requireNonNullElse(r.item().contactName(), ""));

    /** One activity per conversation, in key order. */
    static List<ConversationActivity> of(List<FiledMessage> newMessages) {
        Map<Key, List<FiledMessage>> byConversation = new TreeMap<>();
        for (FiledMessage message : newMessages) {
            byConversation.computeIfAbsent(Key.of(message), key -> new ArrayList<>()).add(message);
        }
        return byConversation.entrySet().stream().map(entry -> summarise(entry.getKey(), entry.getValue())).toList();
    }

    private static ConversationActivity summarise(Key key, List<FiledMessage> messages) {
        FiledMessage newest = messages.stream().max(BY_TIME_THEN_ID).orElseThrow();
        FiledMessage oldest = messages.stream().min(BY_TIME_THEN_ID).orElseThrow();
        MessageReceived last = newest.item();
        return new ConversationActivity(key, last.business().displayPhoneNumber(), contact(key, messages), time(oldest),
                new LastMessage(last.messageId(), last.type(), preview(last), time(newest)), messages.size());
    }

    private static Contact contact(Key key, List<FiledMessage> messages) {
        if (key.group()) {
            return new Contact(null, null, null, null, null);
        }
        String waId = messages.stream().map(m -> m.item().customer().waId()).filter(Objects::nonNull).sorted().findFirst().orElse(null);
        String userId = messages.stream().map(m -> m.item().customer().userId()).filter(Objects::nonNull).sorted().findFirst().orElse(null);
        return messages.stream()
                .filter(m -> m.item().contactName() != null || m.item().contactUsername() != null)
                .max(BY_TIME_THEN_NAME)
                .map(profile -> new Contact(waId, userId, profile.item().contactName(), profile.item().contactUsername(), time(profile)))
                .orElse(new Contact(waId, userId, null, null, null));
    }

    /** The message's own time, or when the ingest received it if Meta gave none. */
    private static Instant time(FiledMessage message) {
        return message.time();
    }

    private static String preview(MessageReceived message) {
        String text = message.textBody() != null ? message.textBody() : "[" + message.type() + "]";
        return text.length() <= PREVIEW_LENGTH ? text : text.substring(0, PREVIEW_LENGTH - 1) + "…";
    }
}
