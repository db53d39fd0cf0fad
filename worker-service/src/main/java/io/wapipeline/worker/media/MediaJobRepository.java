package io.wapipeline.worker.media;

import static io.wapipeline.worker.system.Column.text;
import static io.wapipeline.worker.system.Column.timestamp;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.wapipeline.model.payload.MessageReceived;
import io.wapipeline.worker.system.BulkInsert;
import io.wapipeline.worker.store.Received;

/**
 * The download jobs of {@code whatsapp_media}. A job is written in its message's transaction, for every delivery of
 * the message, not only the first: a delivery that finds the job {@code failed} makes it pending again, so Meta's
 * redelivery is a new chance for the file instead of being swallowed by dedupe. Downloaders claim due jobs with
 * {@code FOR UPDATE SKIP LOCKED} and a lease, so instances never fetch the same file at once and a job left by a
 * dead worker is taken over when its lease ends.
 */
@Repository
public class MediaJobRepository {

    private static final String CLAIM = """
            UPDATE whatsapp_media m
               SET state = 'downloading', attempts = m.attempts + 1, updated_at = now(),
                   lease_until = now() + make_interval(secs => :leaseSeconds)
             WHERE m.media_id IN (
                   SELECT media_id FROM whatsapp_media
                    WHERE (state IN ('pending', 'waiting_for_token') AND next_attempt_at <= now())
                       OR (state = 'downloading' AND lease_until < now())
                    ORDER BY next_attempt_at
                    LIMIT :limit
                      FOR UPDATE SKIP LOCKED)
            RETURNING m.media_id, m.message_id, m.media_type, m.mime_type, m.sha256, m.filename, m.announced_at, m.attempts
            """;

    private static final String STORED = """
            UPDATE whatsapp_media
               SET state = 'stored', file_path = :path, file_size = :size, stored_sha256 = :sha256,
                   graph_mime_type = :mimeType, last_error = NULL, lease_until = NULL, downloaded_at = now(), updated_at = now()
             WHERE media_id = :mediaId
            """;

    private static final String RETRY_LATER = """
            UPDATE whatsapp_media
               SET state = :state, last_error = :reason, lease_until = NULL, updated_at = now(),
                   next_attempt_at = now() + make_interval(secs => :delaySeconds),
                   attempts = attempts - :uncounted
             WHERE media_id = :mediaId
            """;

    private static final String FINISH = """
            UPDATE whatsapp_media
               SET state = :state, last_error = :reason, lease_until = NULL, updated_at = now()
             WHERE media_id = :mediaId
            """;

    private static final String FIND = """
            SELECT media_id, message_id, media_type, COALESCE(graph_mime_type, mime_type) AS mime_type, filename, sha256,
                   state, attempts, next_attempt_at, last_error, file_size, stored_sha256, downloaded_at, created_at, file_path
              FROM whatsapp_media WHERE media_id = ?
            """;

    private static final String COUNT_WAITING = """
            SELECT count(*) FROM whatsapp_media WHERE state IN ('pending', 'waiting_for_token', 'downloading')
            """;

    private static final BulkInsert<Received<MessageReceived>> INSERT = new BulkInsert<>("whatsapp_media AS m", List.of(
            text("media_id", r -> r.item().media().id()),
            text("message_id", r -> r.item().messageId()),
            text("media_type", r -> r.item().type()),
            text("mime_type", r -> r.item().media().mimeType()),
            text("sha256", r -> r.item().media().sha256()),
            text("filename", r -> r.item().media().filename()),
            timestamp("announced_at", r -> r.timeOr(r.item().timestamp()))), """
            ON CONFLICT (media_id) DO UPDATE SET
                state = 'pending', attempts = 0, next_attempt_at = now(), updated_at = now(),
                last_error = 'delivered again after: ' || m.last_error
            WHERE m.state = 'failed'
            """);

    private final JdbcClient jdbc;

    MediaJobRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds a pending download job for each media message that has none, and revives failed ones. */
    public void addJobs(List<Received<MessageReceived>> messages) {
        Map<String, Received<MessageReceived>> byMediaId = new TreeMap<>();
        messages.stream().filter(m -> m.item().media() != null && m.item().media().id() != null)
                .forEach(m -> byMediaId.putIfAbsent(m.item().media().id(), m));
        if (!byMediaId.isEmpty()) {
            INSERT.rows(jdbc, List.copyOf(byMediaId.values())).update();
        }
    }

    /** Claims up to {@code limit} due jobs (or jobs whose lease ran out) for this instance. */
    List<MediaJob> claim(int limit, Duration lease) {
        return jdbc.sql(CLAIM).param("limit", limit).param("leaseSeconds", (double) lease.toSeconds())
                .query((rs, n) -> new MediaJob(rs.getString("media_id"), rs.getString("message_id"),
                        rs.getString("media_type"), rs.getString("mime_type"), rs.getString("sha256"),
                        rs.getString("filename"), rs.getTimestamp("announced_at").toInstant(), rs.getInt("attempts")))
                .list();
    }

    void stored(String mediaId, StoredFile file, String mimeType) {
        jdbc.sql(STORED).param("mediaId", mediaId).param("path", file.relativePath()).param("size", file.size())
                .param("sha256", file.sha256Hex()).param("mimeType", mimeType).update();
    }

    /** Back to {@code pending} after a failed attempt, due again after the delay. */
    void retryLater(String mediaId, String reason, Duration delay) {
        reschedule(mediaId, "pending", reason, delay, 0);
    }

    /** Waits for a working token; the attempt does not count against the job. */
    void waitForToken(String mediaId, String reason, Duration delay) {
        reschedule(mediaId, "waiting_for_token", reason, delay, 1);
    }

    /** Hands a claimed job back without counting the attempt (this instance is stopping). */
    void release(String mediaId, Duration delay) {
        reschedule(mediaId, "pending", "the worker stopped during the download", delay, 1);
    }

    /** Ends the job: {@code failed} or {@code expired}. */
    void finish(String mediaId, String state, String reason) {
        jdbc.sql(FINISH).param("mediaId", mediaId).param("state", state).param("reason", reason).update();
    }

    Optional<MediaRecord> find(String mediaId) {
        return jdbc.sql(FIND).param(mediaId).query((rs, n) -> new MediaRecord(rs.getString("media_id"),
                rs.getString("message_id"), rs.getString("media_type"), rs.getString("mime_type"), rs.getString("filename"),
                rs.getString("sha256"), rs.getString("state"), rs.getInt("attempts"), instant(rs.getTimestamp("next_attempt_at")),
                rs.getString("last_error"), (Long) rs.getObject("file_size"), rs.getString("stored_sha256"),
                instant(rs.getTimestamp("downloaded_at")), instant(rs.getTimestamp("created_at")),
                "stored".equals(rs.getString("state")) ? "/api/whatsapp/media/" + rs.getString("media_id") + "/content" : null,
                rs.getString("file_path"))).optional();
    }

    private static Instant instant(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    long waiting() {
        return jdbc.sql(COUNT_WAITING).query(Long.class).single();
    }

    private void reschedule(String mediaId, String state, String reason, Duration delay, int uncounted) {
        jdbc.sql(RETRY_LATER).param("mediaId", mediaId).param("state", state).param("reason", reason)
                .param("delaySeconds", delay.toMillis() / 1000.0).param("uncounted", uncounted).update();
    }
}
