package io.wapipeline.worker.api;

import static io.wapipeline.worker.system.ResultSets.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads a message's delivery statuses: the history (per participant for a group message), the current one by
 * precedence, and for a group message how many participants reported each status.
 */
@Repository
class StatusReadRepository {

    private static final String HISTORY = """
            SELECT s.status, s.timestamp, s.phone_number_id, s.recipient_id, s.recipient_user_id, s.recipient_type,
                   s.recipient_parent_user_id, s.participant_id, s.participant_user_id, s.participant_parent_user_id,
                   s.conversation_id, s.conversation_origin, s.conversation_expires_at, s.pricing_billable,
                   s.pricing_model, s.pricing_category, s.pricing_type, s.biz_opaque_callback_data, s.errors,
                   s.received_at
              FROM whatsapp_message_status s
             WHERE s.message_id = :messageId
             ORDER BY s.timestamp, s.status_rank, s.status, s.participant_key
            """;

    private static final String CURRENT = """
            SELECT c.status, c.status_at, c.recipient_id, c.recipient_user_id, c.recipient_type, c.failed_at,
                   c.last_update_at, c.participants
              FROM whatsapp_message_current_status c
             WHERE c.message_id = :messageId
            """;

    private static final String PARTICIPANTS_BY_STATUS = """
            SELECT p.status, p.participants
              FROM whatsapp_message_participant_counts p
             WHERE p.message_id = :messageId
             ORDER BY p.status_rank, p.status
            """;

    private final JdbcClient jdbc;

    StatusReadRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Oldest first; statuses reported in the same second in the order of their precedence, then by participant. */
    List<StatusEntry> history(String messageId) {
        return jdbc.sql(HISTORY).param("messageId", messageId).query((rs, n) -> entry(rs)).list();
    }

    Optional<CurrentStatus> current(String messageId) {
        Map<String, Long> byStatus = participantsByStatus(messageId);
        return jdbc.sql(CURRENT).param("messageId", messageId).query((rs, n) -> current(rs, byStatus)).optional();
    }

    private Map<String, Long> participantsByStatus(String messageId) {
        Map<String, Long> byStatus = new LinkedHashMap<>();
        jdbc.sql(PARTICIPANTS_BY_STATUS).param("messageId", messageId)
                .query(rs -> { byStatus.put(rs.getString("status"), rs.getLong("participants")); });
        return byStatus;
    }

    /** {@code participants} is null for a one-to-one message: no status of it names a participant. */
    private static CurrentStatus current(ResultSet rs, Map<String, Long> byStatus) throws SQLException {
        long participants = rs.getLong("participants");
        return new CurrentStatus(rs.getString("status"), instant(rs, "status_at"), rs.getString("recipient_id"),
                rs.getString("recipient_user_id"), rs.getString("recipient_type"), instant(rs, "failed_at"),
                instant(rs, "last_update_at"), participants == 0 ? null : new ParticipantCounts(participants, byStatus));
    }

    private static StatusEntry entry(ResultSet rs) throws SQLException {
        return new StatusEntry(rs.getString("status"), instant(rs, "timestamp"), rs.getString("phone_number_id"),
                rs.getString("recipient_id"), rs.getString("recipient_user_id"), rs.getString("recipient_type"),
                rs.getString("recipient_parent_user_id"), rs.getString("participant_id"),
                rs.getString("participant_user_id"), rs.getString("participant_parent_user_id"),
                rs.getString("conversation_id"), rs.getString("conversation_origin"),
                instant(rs, "conversation_expires_at"), rs.getObject("pricing_billable", Boolean.class),
                rs.getString("pricing_model"), rs.getString("pricing_category"), rs.getString("pricing_type"),
                rs.getString("biz_opaque_callback_data"), rs.getString("errors"), instant(rs, "received_at"));
    }
}
