package io.wapipeline.worker.console;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.wapipeline.worker.system.ResultSets;

/**
 * The console's event log and media list, newest first, keyset-paged by {@code <time>_<id>} ({@link Position}).
 */
@Repository
class ConsoleRecords {

    /** Where a page ended: the last row's time and id. */
    record Position(Instant at, String id) {

        String encode() {
            return at + "_" + id;
        }

        /** The position in {@code text}, or empty when there is none or it cannot be read (the first page then). */
        static Optional<Position> decode(String text) {
            if (text == null || text.indexOf('_') < 0) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Position(Instant.parse(text.substring(0, text.indexOf('_'))),
                        text.substring(text.indexOf('_') + 1)));
            }
            catch (DateTimeParseException unreadable) {
                return Optional.empty();
            }
        }
    }

    /** A page of rows and where the next one starts, or null on the last. */
    record Rows<T>(List<T> items, String next) {
    }

    /** Something stored that is neither a message nor a status. */
    record Event(long id, String kind, String field, String phoneNumberId, Instant eventTime, Instant receivedAt,
            String reason, String payload, String origin) {
    }

    /** A media download job. */
    record Media(String mediaId, String messageId, String mediaType, String mimeType, String state, int attempts,
            String lastError, Instant updatedAt) {
    }

    /** How many download jobs are in one state. */
    record StateCount(String state, long count) {
    }

    private static final String EVENTS = """
            SELECT e.id, e.kind, e.field, e.phone_number_id, e.event_time, e.received_at, e.reason,
                   left(e.payload::text, 2000) AS payload,
                   e.source_topic || '-' || e.source_partition || '@' || e.source_offset AS origin
              FROM whatsapp_event e
             WHERE (CAST(:kind AS text) IS NULL OR e.kind = :kind)
               AND (CAST(:field AS text) IS NULL OR e.field = :field)
               AND (CAST(:beforeAt AS timestamptz) IS NULL OR (e.received_at, e.id) < (:beforeAt, :beforeId))
             ORDER BY e.received_at DESC, e.id DESC
             LIMIT :limit
            """;

    private static final String MEDIA = """
            SELECT m.media_id, m.message_id, m.media_type, COALESCE(m.graph_mime_type, m.mime_type) AS mime_type, m.state,
                   m.attempts, m.last_error, m.updated_at
              FROM whatsapp_media m
             WHERE (CAST(:state AS text) IS NULL OR m.state = :state)
               AND (CAST(:beforeAt AS timestamptz) IS NULL OR (m.updated_at, m.media_id) < (:beforeAt, :beforeId))
             ORDER BY m.updated_at DESC, m.media_id DESC
             LIMIT :limit
            """;

    private static final String MEDIA_STATES = """
            SELECT m.state, count(*) AS jobs FROM whatsapp_media m GROUP BY m.state ORDER BY m.state
            """;

    /** Where a stored message was read from: the raw record to reprocess. */
    record Source(String topic, int partition, long offset) {
    }

    private static final String SOURCE = """
            SELECT m.source_topic, m.source_partition, m.source_offset FROM whatsapp_message m WHERE m.message_id = :id
            """;

    /** A failed download is tried again from the start; the last error stays until the next attempt. */
    private static final String RETRY_MEDIA = """
            UPDATE whatsapp_media SET state = 'pending', attempts = 0, next_attempt_at = now(), updated_at = now()
             WHERE media_id = :id AND state = 'failed'
            """;

    private final JdbcClient jdbc;

    ConsoleRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Rows<Event> events(String kind, String field, String before, int limit) {
        Optional<Position> position = Position.decode(before);
        List<Event> rows = jdbc.sql(EVENTS).param("kind", kind).param("field", field)
                .param("beforeAt", position.map(p -> Timestamp.from(p.at())).orElse(null))
                .param("beforeId", position.map(p -> parseLong(p.id())).orElse(0L))
                .param("limit", limit + 1)
                .query((rs, n) -> new Event(rs.getLong("id"), rs.getString("kind"), rs.getString("field"),
                        rs.getString("phone_number_id"), ResultSets.instant(rs, "event_time"), ResultSets.instant(rs, "received_at"),
                        rs.getString("reason"), rs.getString("payload"), rs.getString("origin")))
                .list();
        return page(rows, limit, event -> new Position(event.receivedAt(), Long.toString(event.id())));
    }

    Rows<Media> media(String state, String before, int limit) {
        Optional<Position> position = Position.decode(before);
        List<Media> rows = jdbc.sql(MEDIA).param("state", state)
                .param("beforeAt", position.map(p -> Timestamp.from(p.at())).orElse(null))
                .param("beforeId", position.map(Position::id).orElse(""))
                .param("limit", limit + 1)
                .query((rs, n) -> new Media(rs.getString("media_id"), rs.getString("message_id"), rs.getString("media_type"),
                        rs.getString("mime_type"), rs.getString("state"), rs.getInt("attempts"), rs.getString("last_error"),
                        ResultSets.instant(rs, "updated_at")))
                .list();
        return page(rows, limit, media -> new Position(media.updatedAt(), media.mediaId()));
    }

    Optional<Source> source(String messageId) {
        return jdbc.sql(SOURCE).param("id", messageId)
                .query((rs, n) -> new Source(rs.getString("source_topic"), rs.getInt("source_partition"), rs.getLong("source_offset")))
                .optional();
    }

    /** Whether a failed download job was set to be tried again (false: there is none, or it is not failed). */
    boolean retryMedia(String mediaId) {
        return jdbc.sql(RETRY_MEDIA).param("id", mediaId).update() == 1;
    }

    List<StateCount> mediaStates() {
        return jdbc.sql(MEDIA_STATES).query((rs, n) -> new StateCount(rs.getString("state"), rs.getLong("jobs"))).list();
    }

    static <T> Rows<T> page(List<T> rows, int limit, java.util.function.Function<T, Position> position) {
        List<T> page = rows.subList(0, Math.min(limit, rows.size()));
        return new Rows<>(List.copyOf(page), rows.size() > limit ? position.apply(page.get(page.size() - 1)).encode() : null);
    }

    private static long parseLong(String text) {
        try {
            return Long.parseLong(text);
        }
        catch (NumberFormatException unreadable) {
            return Long.MAX_VALUE;
        }
    }

}
