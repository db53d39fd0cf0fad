package io.wapipeline.worker.conversation;

import static io.wapipeline.worker.system.Column.int8;
import static io.wapipeline.worker.system.Column.text;
import static io.wapipeline.worker.system.Column.timestamp;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.wapipeline.model.payload.MessageReceived;
import io.wapipeline.worker.system.BulkInsert;
import io.wapipeline.worker.store.Received;

/**
 * Writes {@code whatsapp_conversation}. Counts add up only newly stored messages; times merge with LEAST/GREATEST;
 * the preview and the profile follow the newest message, so any delivery order gives the same row.
 */
@Repository
public class ConversationRepository {

    /**
     * The merge, written out: a newer profile is one with a later time (ties broken by name), a newer last message
     * one with a later time (ties broken by wamid), the same order {@link ConversationActivity} picks them in.
     */
    private static final String MERGE = """
            ON CONFLICT (phone_number_id, contact_id) DO UPDATE SET
                message_count        = c.message_count + EXCLUDED.message_count,
                first_message_at     = LEAST(c.first_message_at, EXCLUDED.first_message_at),
                last_message_at      = GREATEST(c.last_message_at, EXCLUDED.last_message_at),
                display_phone_number = COALESCE(c.display_phone_number, EXCLUDED.display_phone_number),
                contact_wa_id        = COALESCE(c.contact_wa_id, EXCLUDED.contact_wa_id),
                contact_user_id      = COALESCE(c.contact_user_id, EXCLUDED.contact_user_id),
                contact_name         = CASE WHEN EXCLUDED.contact_profile_at IS NOT NULL AND (c.contact_profile_at IS NULL
                                                 OR (EXCLUDED.contact_profile_at, COALESCE(EXCLUDED.contact_name, ''))
                                                  > (c.contact_profile_at, COALESCE(c.contact_name, '')))
                                            THEN EXCLUDED.contact_name ELSE c.contact_name END,
                contact_username     = CASE WHEN EXCLUDED.contact_profile_at IS NOT NULL AND (c.contact_profile_at IS NULL
                                                 OR (EXCLUDED.contact_profile_at, COALESCE(EXCLUDED.contact_name, ''))
                                                  > (c.contact_profile_at, COALESCE(c.contact_name, '')))
                                            THEN EXCLUDED.contact_username ELSE c.contact_username END,
                contact_profile_at   = CASE WHEN EXCLUDED.contact_profile_at IS NOT NULL AND (c.contact_profile_at IS NULL
                                                 OR (EXCLUDED.contact_profile_at, COALESCE(EXCLUDED.contact_name, ''))
                                                  > (c.contact_profile_at, COALESCE(c.contact_name, '')))
                                            THEN EXCLUDED.contact_profile_at ELSE c.contact_profile_at END,
                last_message_id      = CASE WHEN (EXCLUDED.last_message_at, EXCLUDED.last_message_id) > (c.last_message_at, c.last_message_id)
                                            THEN EXCLUDED.last_message_id ELSE c.last_message_id END,
                last_message_type    = CASE WHEN (EXCLUDED.last_message_at, EXCLUDED.last_message_id) > (c.last_message_at, c.last_message_id)
                                            THEN EXCLUDED.last_message_type ELSE c.last_message_type END,
                last_message_preview = CASE WHEN (EXCLUDED.last_message_at, EXCLUDED.last_message_id) > (c.last_message_at, c.last_message_id)
                                            THEN EXCLUDED.last_message_preview ELSE c.last_message_preview END,
                updated_at           = now()
            """;

    private static final BulkInsert<ConversationActivity> UPSERT = new BulkInsert<>("whatsapp_conversation AS c", List.of(
            text("phone_number_id", activity -> activity.key().phoneNumberId()),
            text("contact_id", activity -> activity.key().contactId()),
            text("display_phone_number", ConversationActivity::displayPhoneNumber),
            text("contact_wa_id", activity -> activity.contact().waId()),
            text("contact_user_id", activity -> activity.contact().userId()),
            text("contact_name", activity -> activity.contact().name()),
            text("contact_username", activity -> activity.contact().username()),
            timestamp("contact_profile_at", activity -> activity.contact().profileAt()),
            timestamp("first_message_at", ConversationActivity::firstAt),
            timestamp("last_message_at", activity -> activity.last().at()),
            text("last_message_id", activity -> activity.last().id()),
            text("last_message_type", activity -> activity.last().type()),
            text("last_message_preview", activity -> activity.last().preview()),
            int8("message_count", ConversationActivity::count)), MERGE);

    private final JdbcClient jdbc;

    ConversationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds newly stored messages to their conversations. */
    public void addNewMessages(List<Received<MessageReceived>> newMessages) {
        List<ConversationActivity> activity = ConversationActivity.of(newMessages);
        if (!activity.isEmpty()) {
            UPSERT.rows(jdbc, activity).update();
        }
    }
}
