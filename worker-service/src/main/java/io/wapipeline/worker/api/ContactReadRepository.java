package io.wapipeline.worker.api;

import static io.wapipeline.worker.system.ResultSets.instant;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads contacts by any of their ids. */
@Repository
class ContactReadRepository {

    /** The contacts an id names (one per business account that knows it). */
    private static final String BY_ANY_ID = """
            SELECT c.*
              FROM whatsapp_contact c
             WHERE (c.waba_id, c.contact_id) IN (SELECT i.waba_id, i.contact_id FROM whatsapp_contact_identifier i
                                                  WHERE i.value = :id)
                OR c.contact_id = :id
             ORDER BY c.waba_id
             LIMIT 1
            """;

    private static final String IDS = """
            SELECT kind, value, first_seen_at, last_seen_at FROM whatsapp_contact_identifier
             WHERE waba_id = :waba AND contact_id = :contact
             ORDER BY CASE kind WHEN 'wa_id' THEN 0 WHEN 'user_id' THEN 1 ELSE 2 END, value
            """;

    private static final String CONVERSATIONS = """
            SELECT DISTINCT c.phone_number_id, c.message_count, c.last_message_at, c.last_message_preview
              FROM whatsapp_conversation c
              JOIN whatsapp_message m ON m.phone_number_id = c.phone_number_id AND m.contact_id = c.contact_id
             WHERE c.contact_id = :contact AND NOT c.is_group AND COALESCE(m.waba_id, '') = :waba
             ORDER BY c.last_message_at DESC
            """;

    private final JdbcClient jdbc;

    ContactReadRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<ContactDetail> find(String anyId) {
        return jdbc.sql(BY_ANY_ID).param("id", anyId).query((rs, n) -> {
            String waba = rs.getString("waba_id");
            String contact = rs.getString("contact_id");
            return new ContactDetail(waba, contact, rs.getString("profile_name"), rs.getString("username"),
                    instant(rs, "profile_at"), rs.getString("business_name"), rs.getString("business_name_action"),
                    rs.getString("marketing_preference"), instant(rs, "marketing_preference_at"),
                    instant(rs, "first_seen_at"), instant(rs, "last_seen_at"), ids(waba, contact), conversations(waba, contact));
        }).optional();
    }

    private List<ContactDetail.Id> ids(String waba, String contact) {
        return jdbc.sql(IDS).param("waba", waba).param("contact", contact)
                .query((rs, n) -> new ContactDetail.Id(rs.getString("kind"), rs.getString("value"),
                        instant(rs, "first_seen_at"), instant(rs, "last_seen_at"))).list();
    }

    private List<ContactDetail.Conversation> conversations(String waba, String contact) {
        return jdbc.sql(CONVERSATIONS).param("waba", waba).param("contact", contact)
                .query((rs, n) -> new ContactDetail.Conversation(rs.getString("phone_number_id"), rs.getLong("message_count"),
                        instant(rs, "last_message_at"), rs.getString("last_message_preview"))).list();
    }
}
