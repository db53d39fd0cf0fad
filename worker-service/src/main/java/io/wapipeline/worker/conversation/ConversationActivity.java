package io.wapipeline.worker.conversation;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import io.wapipeline.model.payload.MessageReceived;
import io.wapipeline.worker.message.MessageRepository;
import io.wapipeline.worker.webhook.Received;

/**
 * What a batch of newly stored messages adds to one conversation. The newest message (by time, then wamid) sets
 * the preview, and the newest message naming the contact sets the profile, with the same rules the upsert applies,
 * so the result does not depend on how messages were split into batches or in which order they came.
 */
record ConversationActivity(String phoneNumberId, String contactId, String displayPhoneNumber, String waId,
        String userId, String contactName, String contactUsername, Instant profileAt, Instant firstAt, Instant lastAt,
        String lastMessageId, String lastType, String preview, long count) {

    private static final Comparator<Received<MessageReceived>> NEWEST = Comparator
            .comparing((Received<MessageReceived> r) -> r.timeOr(r.item().timestamp()))
            .thenComparing(r -> r.item().messageId());

    private static final Comparator<Received<MessageReceived>> NEWEST_PROFILE = Comparator
            .comparing((Received<MessageReceived> r) -> r.timeOr(r.item().timestamp()))
            .thenComparing(r -> Objects.requireNonNullElse(r.item().contactName(), ""));

    /** One activity per conversation, in key order (so concurrent upserts lock rows in the same order). */
    static List<ConversationActivity> of(List<Received<MessageReceived>> newMessages) {
        Map<List<String>, List<Received<MessageReceived>>> byConversation = new TreeMap<>(
                Comparator.comparing((List<String> key) -> key.get(0)).thenComparing(key -> key.get(1)));
        for (Received<MessageReceived> message : newMessages) {
            List<String> key = List.of(MessageRepository.businessNumber(message.item()), MessageRepository.contactId(message.item()));
            byConversation.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(message);
        }
        return byConversation.entrySet().stream().map(e -> summarise(e.getKey(), e.getValue())).toList();
    }

    private static ConversationActivity summarise(List<String> key, List<Received<MessageReceived>> messages) {
        Received<MessageReceived> newest = messages.stream().max(NEWEST).orElseThrow();
        Received<MessageReceived> oldest = messages.stream().min(NEWEST).orElseThrow();
        Received<MessageReceived> profile = messages.stream()
                .filter(m -> m.item().contactName() != null || m.item().contactUsername() != null)
                .max(NEWEST_PROFILE).orElse(null);
        MessageReceived last = newest.item();
        return new ConversationActivity(key.get(0), key.get(1), last.business().displayPhoneNumber(),
                messages.stream().map(m -> m.item().from()).filter(Objects::nonNull).findFirst().orElse(null),
                messages.stream().map(m -> m.item().fromUserId()).filter(Objects::nonNull).findFirst().orElse(null),
                profile == null ? null : profile.item().contactName(),
                profile == null ? null : profile.item().contactUsername(),
                profile == null ? null : profile.timeOr(profile.item().timestamp()),
                oldest.timeOr(oldest.item().timestamp()), newest.timeOr(last.timestamp()), last.messageId(), last.type(),
                preview(last), messages.size());
    }

    private static String preview(MessageReceived message) {
        String text = message.textBody() != null ? message.textBody() : "[" + message.type() + "]";
        return text.length() <= 120 ? text : text.substring(0, 119) + "…";
    }
}
