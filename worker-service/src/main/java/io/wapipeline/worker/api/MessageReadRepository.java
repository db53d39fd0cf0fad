package io.wapipeline.worker.api;

import static io.wapipeline.worker.system.ResultSets.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.wapipeline.worker.api.MessageDetail.Stored;
import io.wapipeline.worker.api.Page.Row;

/**
 * Reads {@code whatsapp_message} with its media job's state, newest first by (timestamp, id), the order of the
 * {@code whatsapp_message_newest}, {@code _by_contact} and {@code _by_business} indexes.
 */
@Repository
class MessageReadRepository {

    private static final String COLUMNS = """
            SELECT m.id, m.message_id, m.phone_number_id, m.contact_id, m.from_number, m.from_user_id, m.contact_name,
                   m.message_type, m.text_body, m.caption, m.timestamp, m.reply_to_message_id, m.reaction_message_id,
                   m.reaction_emoji, m.latitude, m.longitude, m.location_name, m.location_address, m.media_id,
                   m.media_mime_type, m.media_filename, media.state AS media_state, m.received_at, m.source, m.outbound,
                   m.group_id, m.history_status
            """;

    private static final String FROM = """
              FROM whatsapp_message m
              LEFT JOIN whatsapp_media media ON media.media_id = m.media_id
            """;

    private static final String NEWEST_FIRST = """
             ORDER BY m.timestamp DESC, m.id DESC
             LIMIT :limit
            """;

    private static final String ONE = COLUMNS + ", m.raw_payload\n" + FROM + " WHERE m.message_id = :messageId\n";

    /**
     * A contact by any of its ids (its key, a phone number, a business-scoped user id or a parent id): the messages
     * it sent or was sent, in any conversation; or, for a group id, the group's messages.
     */
    private static final String BY_CONTACT = """
            (m.contact_id IN (SELECT CAST(:contact AS text)
                              UNION SELECT i.contact_id FROM whatsapp_contact_identifier i WHERE i.value = :contact)
             OR m.group_id = :contact)""";
    private static final String BY_TYPE = "m.message_type = :type";
    private static final String SENT_FROM = "m.timestamp >= :from";
    private static final String SENT_BEFORE = "m.timestamp < :to";
    private static final String BY_BUSINESS = "m.phone_number_id = :business";
    private static final String TEXT_CONTAINS = "m.text_body ILIKE :text ESCAPE '\\'";
    private static final String AFTER_CURSOR = "(m.timestamp, m.id) < (:cursorAt, :cursorId)";

    private final JdbcClient jdbc;

    MessageReadRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Page<MessageItem> list(MessageFilter filter) {
        Conditions conditions = new Conditions()
                .with(BY_CONTACT, "contact", filter.contact())
                .with(BY_TYPE, "type", filter.type())
                .with(SENT_FROM, "from", filter.from())
                .with(SENT_BEFORE, "to", filter.to())
                .with(BY_BUSINESS, "business", filter.business())
                .with(TEXT_CONTAINS, "text", containing(filter.text()))
                .after(AFTER_CURSOR, filter.cursor());
        List<Row<MessageItem>> rows = jdbc.sql(COLUMNS + FROM + conditions.where() + NEWEST_FIRST)
                .params(conditions.parameters()).param("limit", filter.limit() + 1)
                .query((rs, n) -> new Row<>(item(rs), new Cursor(instant(rs, "timestamp"), rs.getLong("id"))))
                .list();
        return Page.of(rows, filter.limit());
    }

    Optional<Stored> find(String messageId) {
        return jdbc.sql(ONE).param("messageId", messageId)
                .query((rs, n) -> new Stored(item(rs), rs.getString("raw_payload"))).optional();
    }

    /** An ILIKE pattern matching the text literally anywhere: {@code %}, {@code _} and {@code \} lose their meaning. */
    private static String containing(String text) {
        if (text == null) {
            return null;
        }
        return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static MessageItem item(ResultSet rs) throws SQLException {
        return new MessageItem(rs.getString("message_id"), rs.getString("phone_number_id"),
                rs.getString("contact_id"), rs.getString("from_number"), rs.getString("from_user_id"),
                rs.getString("contact_name"), rs.getString("message_type"), rs.getString("text_body"),
                rs.getString("caption"), instant(rs, "timestamp"), rs.getString("reply_to_message_id"),
                reaction(rs), location(rs), media(rs), instant(rs, "received_at"), rs.getString("source"),
                rs.getBoolean("outbound"), rs.getString("group_id"), rs.getString("history_status"));
    }

    private static MessageItem.Reaction reaction(ResultSet rs) throws SQLException {
        String messageId = rs.getString("reaction_message_id");
        return messageId == null ? null : new MessageItem.Reaction(messageId, rs.getString("reaction_emoji"));
    }

    private static MessageItem.Location location(ResultSet rs) throws SQLException {
        MessageItem.Location location = new MessageItem.Location(rs.getObject("latitude", Double.class),
                rs.getObject("longitude", Double.class), rs.getString("location_name"),
                rs.getString("location_address"));
        return location.equals(new MessageItem.Location(null, null, null, null)) ? null : location;
    }

    private static MessageItem.Media media(ResultSet rs) throws SQLException {
        String mediaId = rs.getString("media_id");
        return mediaId == null ? null : new MessageItem.Media(mediaId, rs.getString("media_mime_type"),
                rs.getString("media_filename"), rs.getString("media_state"));
    }
}
