package io.wapipeline.worker.conversation;

import static io.wapipeline.worker.system.Column.bool;
import static io.wapipeline.worker.system.Column.int8;
import static io.wapipeline.worker.system.Column.text;
import static io.wapipeline.worker.system.Column.timestamp;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Repository;

import io.wapipeline.worker.system.BulkInsert;
import io.wapipeline.worker.store.FiledMessage;
import io.wapipeline.worker.store.KeyChange;
import io.wapipeline.worker.store.KeyChanges;

/**
 * Writes {@code whatsapp_conversation}. Counts add up only newly stored messages; times merge with LEAST/GREATEST;
 * the preview and the profile follow the newest message, so any delivery order gives the same row.
 */
@Repository
@Order(2)
public class ConversationRepository implements KeyChanges {

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
                contact_wa_id        = LEAST(c.contact_wa_id, EXCLUDED.contact_wa_id),
                contact_user_id      = LEAST(c.contact_user_id, EXCLUDED.contact_user_id),
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
            int8("message_count", ConversationActivity::count),
            bool("is_group", activity -> activity.key().group())), MERGE);

    /**
     * A contact's conversations follow it when its key changes: the rows of the old keys, with each business number,
     * are folded into one (counts added, newest message and profile kept, as {@link #MERGE} does) under the new key.
     * Only conversations whose messages are in the contact's business account move (a key is an id, and one phone
     * number can be a contact of several accounts).
     */
    private static final String MOVE = """
            WITH changes AS (
                SELECT * FROM unnest(?::text[], ?::text[], ?::text[]) AS r (waba_id, from_key, to_key)),
            moved AS (
                DELETE FROM whatsapp_conversation o
                 USING changes r
                 WHERE o.contact_id = r.from_key AND NOT o.is_group
                   AND EXISTS (SELECT 1 FROM whatsapp_message m
                                WHERE m.phone_number_id = o.phone_number_id AND m.contact_id = r.to_key
                                  AND m.group_id IS NULL AND COALESCE(m.waba_id, '') = r.waba_id)
                RETURNING o.*, r.to_key)
            INSERT INTO whatsapp_conversation AS c (phone_number_id, contact_id, display_phone_number, contact_wa_id,
                    contact_user_id, contact_name, contact_username, contact_profile_at, first_message_at, last_message_at,
                    last_message_id, last_message_type, last_message_preview, message_count, is_group)
            SELECT phone_number_id, to_key, min(display_phone_number), min(contact_wa_id), min(contact_user_id),
                   (array_agg(contact_name ORDER BY contact_profile_at DESC NULLS LAST, COALESCE(contact_name, '') DESC))[1],
                   (array_agg(contact_username ORDER BY contact_profile_at DESC NULLS LAST, COALESCE(contact_name, '') DESC))[1],
                   max(contact_profile_at), min(first_message_at), max(last_message_at),
                   (array_agg(last_message_id ORDER BY last_message_at DESC, last_message_id DESC))[1],
                   (array_agg(last_message_type ORDER BY last_message_at DESC, last_message_id DESC))[1],
                   (array_agg(last_message_preview ORDER BY last_message_at DESC, last_message_id DESC))[1],
                   sum(message_count), false
              FROM moved
             GROUP BY phone_number_id, to_key
             ORDER BY phone_number_id, to_key
            """ + MERGE;

    private final JdbcClient jdbc;

    ConversationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void moved(List<KeyChange> changes) {
        jdbc.sql(MOVE).param(changes.stream().map(KeyChange::scope).toArray(String[]::new))
                .param(changes.stream().map(KeyChange::from).toArray(String[]::new))
                .param(changes.stream().map(KeyChange::to).toArray(String[]::new)).update();
    }

    /** Adds newly stored messages to their conversations. */
    public void addNewMessages(List<FiledMessage> newMessages) {
        List<ConversationActivity> activity = ConversationActivity.of(newMessages);
        if (!activity.isEmpty()) {
            UPSERT.rows(jdbc, activity).update();
        }
    }
}
