package io.wapipeline.worker.api;

import static io.wapipeline.worker.system.ResultSets.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.wapipeline.worker.api.Page.Row;

/** Reads {@code whatsapp_conversation}, most recently active first, the order of {@code whatsapp_conversation_newest}. */
@Repository
class ConversationReadRepository {

    private static final String LIST = """
            SELECT c.id, c.phone_number_id, c.contact_id, c.contact_wa_id, c.contact_user_id, c.contact_name,
                   c.contact_username, c.first_message_at, c.last_message_at, c.last_message_id, c.last_message_type,
                   c.last_message_preview, c.message_count, c.is_group
              FROM whatsapp_conversation c
            """;

    private static final String NEWEST_FIRST = """
             ORDER BY c.last_message_at DESC, c.id DESC
             LIMIT :limit
            """;

    private static final String BY_BUSINESS = "c.phone_number_id = :business";
    private static final String AFTER_CURSOR = "(c.last_message_at, c.id) < (:cursorAt, :cursorId)";

    private final JdbcClient jdbc;

    ConversationReadRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Page<ConversationItem> list(ConversationFilter filter) {
        Conditions conditions = new Conditions()
                .with(BY_BUSINESS, "business", filter.business())
                .after(AFTER_CURSOR, filter.cursor());
        List<Row<ConversationItem>> rows = jdbc.sql(LIST + conditions.where() + NEWEST_FIRST)
                .params(conditions.parameters()).param("limit", filter.limit() + 1)
                .query((rs, n) -> new Row<>(item(rs), new Cursor(instant(rs, "last_message_at"), rs.getLong("id"))))
                .list();
        return Page.of(rows, filter.limit());
    }

    private static ConversationItem item(ResultSet rs) throws SQLException {
        return new ConversationItem(rs.getString("phone_number_id"), rs.getString("contact_id"),
                rs.getString("contact_wa_id"), rs.getString("contact_user_id"), rs.getString("contact_name"),
                rs.getString("contact_username"), instant(rs, "first_message_at"), instant(rs, "last_message_at"),
                rs.getString("last_message_id"), rs.getString("last_message_type"),
                rs.getString("last_message_preview"), rs.getLong("message_count"), rs.getBoolean("is_group"));
    }
}
