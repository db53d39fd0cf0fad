package io.wapipeline.ops.importer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@code whatsapp_whatsappconversation} knows: each contact's number and name. The worker derives this system's
 * conversations from the messages, so the importer only borrows the names, for messages that name no one.
 */
final class Conversations {

    static final String TABLE = "whatsapp_whatsappconversation";
    static final List<String> NUMBER = List.of("phone_number", "wa_id", "contact_number", "phone");
    static final List<String> NAME = List.of("name", "contact_name", "profile_name");

    /** One row: its id, the contact's number and name (either may be null). */
    record Conversation(long id, String number, String name) {
    }

    private final List<Conversation> all;
    private final Map<Long, Conversation> byId = new HashMap<>();
    private final Map<String, Conversation> byNumber = new HashMap<>();

    Conversations(List<Conversation> all) {
        this.all = List.copyOf(all);
        for (Conversation conversation : this.all) {
            byId.put(conversation.id(), conversation);
            if (conversation.number() != null) {
                byNumber.putIfAbsent(conversation.number(), conversation);
            }
        }
    }

    /** The contact's name: the message's conversation's ({@code conversation_id}), else that of the sender's number. */
    Optional<String> nameOf(DjangoMessage message) {
        Optional<Conversation> conversation = Optional.ofNullable(message.conversationId()).map(byId::get)
                .or(() -> Optional.ofNullable(byNumber.get(message.fromNumber())));
        return conversation.map(Conversation::name).filter(name -> !name.isBlank());
    }

    int count() {
        return all.size();
    }

    /** The contact numbers of every conversation read. */
    Set<String> numbers() {
        return all.stream().map(Conversation::number).filter(number -> number != null).collect(Collectors.toSet());
    }

    /** How many of them have a message among those seen: by {@code conversation_id}, or by the sender's number. */
    long withMessages(Set<Long> conversationIds, Set<String> senders) {
        return all.stream().filter(c -> conversationIds.contains(c.id()) || senders.contains(c.number())).count();
    }
}
