package io.wapipeline.worker.api;

import static io.wapipeline.worker.system.ResultSets.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.wapipeline.worker.api.Page.Row;

/**
 * Reads {@code whatsapp_call}, newest first by (first_event_at, id), the order of the {@code whatsapp_call_newest},
 * {@code _by_contact} and {@code _by_business} indexes, and a call's reports from {@code whatsapp_call_event}.
 */
@Repository
class CallReadRepository {

    private static final String COLUMNS = """
            SELECT c.id, c.call_id, c.phone_number_id, c.contact_id, c.customer_wa_id, c.customer_user_id, c.direction,
                   c.from_number, c.to_number, c.status, c.status_at, c.started_at, c.ended_at, c.duration_seconds,
                   c.first_event_at, c.last_event_at, c.biz_opaque_callback_data, c.errors
              FROM whatsapp_call c
            """;

    private static final String NEWEST_FIRST = """
             ORDER BY c.first_event_at DESC, c.id DESC
             LIMIT :limit
            """;

    private static final String ONE = COLUMNS + " WHERE c.call_id = :callId\n";

    /** Oldest first; reports of the same second by event (connect, status, terminate), then status. */
    private static final String EVENTS = """
            SELECT e.event, e.status, e.timestamp, e.received_at, e.raw_payload
              FROM whatsapp_call_event e
             WHERE e.call_id = :callId
             ORDER BY e.timestamp, e.event, e.status
            """;

    private static final String BY_CONTACT = "c.contact_id = :contact";
    private static final String BY_BUSINESS = "c.phone_number_id = :business";
    private static final String BY_DIRECTION = "c.direction = :direction";
    private static final String BY_STATUS = "c.status = :status";
    private static final String FIRST_FROM = "c.first_event_at >= :from";
    private static final String FIRST_BEFORE = "c.first_event_at < :to";
    private static final String AFTER_CURSOR = "(c.first_event_at, c.id) < (:cursorAt, :cursorId)";

    private final JdbcClient jdbc;

    CallReadRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Page<CallItem> list(CallFilter filter) {
        Conditions conditions = new Conditions()
                .with(BY_CONTACT, "contact", filter.contact())
                .with(BY_BUSINESS, "business", filter.business())
                .with(BY_DIRECTION, "direction", filter.direction())
                .with(BY_STATUS, "status", filter.status())
                .with(FIRST_FROM, "from", filter.from())
                .with(FIRST_BEFORE, "to", filter.to())
                .after(AFTER_CURSOR, filter.cursor());
        List<Row<CallItem>> rows = jdbc.sql(COLUMNS + conditions.where() + NEWEST_FIRST)
                .params(conditions.parameters()).param("limit", filter.limit() + 1)
                .query((rs, n) -> new Row<>(item(rs), new Cursor(instant(rs, "first_event_at"), rs.getLong("id"))))
                .list();
        return Page.of(rows, filter.limit());
    }

    Optional<CallItem> find(String callId) {
        return jdbc.sql(ONE).param("callId", callId).query((rs, n) -> item(rs)).optional();
    }

    List<CallEventEntry> events(String callId) {
        return jdbc.sql(EVENTS).param("callId", callId).query((rs, n) -> new CallEventEntry(rs.getString("event"),
                rs.getString("status"), instant(rs, "timestamp"), instant(rs, "received_at"), rs.getString("raw_payload"))).list();
    }

    private static CallItem item(ResultSet rs) throws SQLException {
        return new CallItem(rs.getString("call_id"), rs.getString("phone_number_id"), rs.getString("contact_id"),
                rs.getString("customer_wa_id"), rs.getString("customer_user_id"), rs.getString("direction"),
                rs.getString("from_number"), rs.getString("to_number"), rs.getString("status"), instant(rs, "status_at"),
                instant(rs, "started_at"), instant(rs, "ended_at"), rs.getObject("duration_seconds", Long.class),
                instant(rs, "first_event_at"), instant(rs, "last_event_at"), rs.getString("biz_opaque_callback_data"),
                rs.getString("errors"));
    }
}
