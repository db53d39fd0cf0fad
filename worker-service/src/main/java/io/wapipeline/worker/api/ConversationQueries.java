package io.wapipeline.worker.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.wapipeline.worker.system.ResultSets;

/**
 * The read API's conversation queries, for its controller and the console: conversations by last activity, one
 * contact's messages, and the outbound messages sent to a contact.
 */
@Service
public class ConversationQueries {

    /**
     * The newest outbound messages to a contact (or a group), by the recipient index, each with its first status time
     * and the status that wins by precedence (the same order as whatsapp_message_current_status). Each message's first
     * status row (ties broken by status and participant) stands for it, so the limit counts messages, not statuses: a
     * group message has a status per participant.
     */
    private static final String OUTBOUND = """
            SELECT s.message_id, min(s.timestamp) AS first_status_at,
                   (array_agg(s.status ORDER BY s.status_rank DESC, s.timestamp ASC))[1] AS status
              FROM whatsapp_message_status s
             WHERE s.message_id IN (SELECT r.message_id
                                      FROM whatsapp_message_status r
                                     WHERE r.recipient_id = :contact
                                       AND NOT EXISTS (SELECT 1 FROM whatsapp_message_status e
                                                        WHERE e.message_id = r.message_id
                                                          AND (e.timestamp, e.status, e.participant_key)
                                                              < (r.timestamp, r.status, r.participant_key))
                                     ORDER BY r.timestamp DESC
                                     LIMIT :limit)
             GROUP BY s.message_id
             ORDER BY first_status_at DESC
            """;

    private final ConversationReadRepository conversations;
    private final MessageReadRepository messages;
    private final ContactReadRepository contacts;
    private final JdbcClient jdbc;

    ConversationQueries(ConversationReadRepository conversations, MessageReadRepository messages,
            ContactReadRepository contacts, JdbcClient jdbc) {
        this.conversations = conversations;
        this.messages = messages;
        this.contacts = contacts;
        this.jdbc = jdbc;
    }

    /** The contact any of these ids names; empty for a group or an id no contact has. */
    public Optional<ContactDetail> contact(String anyId) {
        return contacts.find(anyId);
    }

    /** Conversations, most recently active first, by the API's parameters ({@code business}, {@code limit}, {@code cursor}). */
    public Page<ConversationItem> list(Map<String, String> parameters) {
        return conversations.list(ConversationFilter.of(parameters));
    }

    /** The contact's inbound messages, newest first, by the message list's parameters. */
    public Page<MessageItem> messages(String contactId, Map<String, String> parameters) {
        return messages.list(MessageFilter.of(parameters).forContact(contactId));
    }

    /** Up to {@code limit} messages sent to the contact (or the group), newest first by their first status. */
    public List<OutboundMessage> outbound(String contactId, int limit) {
        return jdbc.sql(OUTBOUND).param("contact", contactId).param("limit", limit)
                .query((rs, n) -> new OutboundMessage(rs.getString("message_id"),
                        ResultSets.instant(rs, "first_status_at"), rs.getString("status")))
                .list();
    }
}
