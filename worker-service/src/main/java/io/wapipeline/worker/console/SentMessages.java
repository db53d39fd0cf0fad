package io.wapipeline.worker.console;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.wapipeline.worker.system.ResultSets;

/**
 * The messages the business sent, known only by the statuses Meta reported for them, for the console's "Sent" list:
 * newest first by their first status, each with its delivery state by precedence (as
 * {@code whatsapp_message_current_status} picks it), Meta's error when one failed, and for a message sent to a group
 * how many of its participants it was delivered to and read by. Keyset-paged by
 * {@code <first status time>_<message id>}.
 */
@Repository
class SentMessages {

    /** The delivery states a sent message can be filtered by. */
    static final List<String> STATES = List.of("sent", "delivered", "read", "played", "failed");

    /**
     * What the list can be narrowed by; null means any.
     *
     * @param contact  the recipient's number or business-scoped user id
     * @param business the business number id the message was sent from
     * @param from     earliest first status, inclusive
     * @param to       latest first status, exclusive
     * @param state    the current delivery state
     */
    record Filter(String contact, String business, Instant from, Instant to, String state) {
    }

    /**
     * One sent message.
     *
     * @param recipientId  the recipient, or for a message sent to a group the group
     * @param sentAt       its first status's time
     * @param state        its delivery state by precedence (for a group message, the highest any participant reached)
     * @param updatedAt    its newest status's time
     * @param errorCode    Meta's error code when it failed, else null (for a group message, the first participant's)
     * @param group        whether it was sent to a group
     * @param participants for a group message, how many participants reported any status
     * @param deliveredTo  for a group message, how many participants Meta reported it delivered to
     * @param readBy       for a group message, how many participants Meta reported it read by
     */
    record Sent(String messageId, String recipientId, String phoneNumberId, Instant sentAt, String state, Instant updatedAt,
            String errorCode, String errorTitle, boolean group, long participants, long deliveredTo, long readBy) {
    }

    /**
     * Each message's first status row (the earliest, ties broken by status and participant) stands for it, found
     * newest first by the time index; the current state, the participant counts and the failure come from the
     * message's own rows by the primary key.
     */
    static final String LIST = """
            SELECT s.message_id, s.recipient_id, s.phone_number_id, s.timestamp AS sent_at,
                   c.status, c.updated_at, c.group_message, c.participants, c.delivered_to, c.read_by, f.code, f.title
              FROM whatsapp_message_status s
             CROSS JOIN LATERAL (
                   SELECT (array_agg(h.status ORDER BY h.status_rank DESC, h.timestamp ASC))[1] AS status,
                          max(h.timestamp) AS updated_at,
                          bool_or(h.recipient_type = 'group' OR h.participant_key <> '') AS group_message,
                          count(DISTINCT h.participant_key) FILTER (WHERE h.participant_key <> '') AS participants,
                          count(*) FILTER (WHERE h.participant_key <> '' AND h.status = 'delivered') AS delivered_to,
                          count(*) FILTER (WHERE h.participant_key <> '' AND h.status = 'read') AS read_by
                     FROM whatsapp_message_status h WHERE h.message_id = s.message_id) c
              LEFT JOIN LATERAL (
                   SELECT x.errors -> 0 ->> 'code' AS code, x.errors -> 0 ->> 'title' AS title
                     FROM whatsapp_message_status x WHERE x.message_id = s.message_id AND x.status = 'failed'
                    ORDER BY x.timestamp, x.participant_key
                    LIMIT 1) f ON true
             WHERE NOT EXISTS (SELECT 1 FROM whatsapp_message_status e
                                WHERE e.message_id = s.message_id
                                  AND (e.timestamp, e.status, e.participant_key) < (s.timestamp, s.status, s.participant_key))
               AND (CAST(:contact AS text) IS NULL OR s.recipient_id = :contact OR s.recipient_user_id = :contact)
               AND (CAST(:business AS text) IS NULL OR s.phone_number_id = :business)
               AND (CAST(:from AS timestamptz) IS NULL OR s.timestamp >= :from)
               AND (CAST(:to AS timestamptz) IS NULL OR s.timestamp < :to)
               AND (CAST(:state AS text) IS NULL OR c.status = :state)
               AND (CAST(:beforeAt AS timestamptz) IS NULL OR (s.timestamp, s.message_id) < (:beforeAt, :beforeId))
             ORDER BY s.timestamp DESC, s.message_id DESC
             LIMIT :limit
            """;

    private final JdbcClient jdbc;

    SentMessages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A page of sent messages after {@code before} (a position this list gave out, or null for the newest). */
    ConsoleRecords.Rows<Sent> list(Filter filter, String before, int limit) {
        Optional<ConsoleRecords.Position> position = ConsoleRecords.Position.decode(before);
        List<Sent> rows = jdbc.sql(LIST).param("contact", filter.contact()).param("business", filter.business())
                .param("from", timestamp(filter.from())).param("to", timestamp(filter.to())).param("state", filter.state())
                .param("beforeAt", position.map(p -> Timestamp.from(p.at())).orElse(null))
                .param("beforeId", position.map(ConsoleRecords.Position::id).orElse(""))
                .param("limit", limit + 1)
                .query((rs, n) -> sent(rs))
                .list();
        return ConsoleRecords.page(rows, limit, sent -> new ConsoleRecords.Position(sent.sentAt(), sent.messageId()));
    }

    private static Sent sent(ResultSet rs) throws SQLException {
        return new Sent(rs.getString("message_id"), rs.getString("recipient_id"), rs.getString("phone_number_id"),
                ResultSets.instant(rs, "sent_at"), rs.getString("status"), ResultSets.instant(rs, "updated_at"),
                rs.getString("code"), rs.getString("title"), rs.getBoolean("group_message"), rs.getLong("participants"),
                rs.getLong("delivered_to"), rs.getLong("read_by"));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
