package io.wapipeline.ops.importer;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * One row of {@code whatsapp_whatsappmessage}; null where the row has no value or the table no such column.
 *
 * @param timestamp the {@code timestamp} column as {@link SourceTime#value} read it
 * @param createdAt the row's creation time ({@code created_at}, {@code created} or {@code received_at}), likewise
 * @param rawPayload the {@code raw_payload} column as text (JSON for a {@code jsonb} column)
 */
record DjangoMessage(long id, String messageId, String fromNumber, String messageType, Object timestamp, String textBody,
        String mediaId, String rawPayload, Object createdAt, Long conversationId, String contactName, String wabaId,
        String phoneNumberId, String displayPhoneNumber) {

    static DjangoMessage read(ResultSet row, MessageColumns columns) throws SQLException {
        return new DjangoMessage(row.getLong("id"), row.getString("message_id"), row.getString("from_number"),
                row.getString("message_type"), SourceTime.value(row, "timestamp"), text(row, columns.textBody()),
                text(row, columns.mediaId()), text(row, columns.rawPayload()), time(row, columns.createdAt()),
                number(row, columns.conversationId()), text(row, columns.contactName()), text(row, columns.wabaId()),
                text(row, columns.phoneNumberId()), text(row, columns.displayPhoneNumber()));
    }

    private static String text(ResultSet row, Optional<String> column) throws SQLException {
        return column.isPresent() ? row.getString(column.get()) : null;
    }

    private static Object time(ResultSet row, Optional<String> column) throws SQLException {
        return column.isPresent() ? SourceTime.value(row, column.get()) : null;
    }

    private static Long number(ResultSet row, Optional<String> column) throws SQLException {
        return column.isPresent() && row.getObject(column.get()) instanceof Number value ? value.longValue() : null;
    }
}
