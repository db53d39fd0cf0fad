package io.wapipeline.worker.console;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.wapipeline.worker.system.ResultSets;

/**
 * Failed statuses with Meta's error, the console's answer to "why did my message not arrive": grouped by error code
 * over a period, and the newest ones of a code (or of all codes) one by one.
 */
@Repository
class DeliveryFailures {

    /** One error code over the period: how many failures, the newest, and Meta's title for it. */
    record ByCode(String code, String title, long failures, Instant latest) {
    }

    /** One failed message, with the first error Meta gave. */
    record Failure(String messageId, String recipientId, Instant at, String code, String title, String details) {
    }

    static final String BY_CODE = """
            SELECT COALESCE(s.errors -> 0 ->> 'code', '') AS code, max(s.errors -> 0 ->> 'title') AS title,
                   count(*) AS failures, max(s.timestamp) AS latest
              FROM whatsapp_message_status s
             WHERE s.status = 'failed' AND s.timestamp >= :since
             GROUP BY 1
             ORDER BY failures DESC, code
            """;

    static final String NEWEST = """
            SELECT s.message_id, s.recipient_id, s.timestamp, COALESCE(s.errors -> 0 ->> 'code', '') AS code,
                   s.errors -> 0 ->> 'title' AS title,
                   COALESCE(s.errors -> 0 -> 'error_data' ->> 'details', s.errors -> 0 ->> 'message') AS details
              FROM whatsapp_message_status s
             WHERE s.status = 'failed' AND s.timestamp >= :since
               AND (CAST(:code AS text) IS NULL OR COALESCE(s.errors -> 0 ->> 'code', '') = :code)
             ORDER BY s.timestamp DESC, s.message_id
             LIMIT :limit
            """;

    private final JdbcClient jdbc;

    DeliveryFailures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<ByCode> byCode(Instant since) {
        return jdbc.sql(BY_CODE).param("since", Timestamp.from(since))
                .query((rs, n) -> new ByCode(rs.getString("code"), rs.getString("title"), rs.getLong("failures"),
                        ResultSets.instant(rs, "latest")))
                .list();
    }

    /** The newest failures since then, of one code or (null) of all. */
    List<Failure> newest(Instant since, String code, int limit) {
        return jdbc.sql(NEWEST).param("since", Timestamp.from(since)).param("code", code).param("limit", limit)
                .query((rs, n) -> new Failure(rs.getString("message_id"), rs.getString("recipient_id"), ResultSets.instant(rs, "timestamp"),
                        rs.getString("code"), rs.getString("title"), rs.getString("details")))
                .list();
    }
}
